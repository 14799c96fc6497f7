/** The credentials planted in the `arrived` package, for preflight to find. */
export type PlantedSecrets = {
  dbPassword: string;
  awsAccessKeyId: string;
  awsSecretAccessKey: string;
  slackWebhookUrl: string;
};

/**
 * Assembled from fragments at run time so that this repository never holds a live-looking credential
 * (secret scanners on the repository stay quiet; the generated package is meant to trip them).
 */
export function assemblePlantedSecrets(): PlantedSecrets {
  return {
    dbPassword: ['Fr1day', 'Freight', 'Tr4in', '2291'].join('-'),
    awsAccessKeyId: ['AK', 'IA', 'QYLP', 'MN5H', 'HHFQ', '2ZW7'].join(''),
    awsSecretAccessKey: ['wJ7r', 'Xq2LmN', '9vB4tK', 'pZ8sHd', 'R3fYcE', '6uWnGa', 'T1oVbM'].join(''),
    slackWebhookUrl: [
      'https://hooks.',
      'slack.com/services/',
      ['T0', '4J8QZ7N2K'].join(''),
      '/',
      ['B0', '6R1VXK3MA'].join(''),
      '/',
      ['q7Zr', 'Lw2N', 'x9Kd', 'Vb4T', 'm1Hs', 'Pe8C'].join(''),
    ].join(''),
  };
}
