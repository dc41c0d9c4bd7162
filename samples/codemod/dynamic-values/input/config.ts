export const config = {
  app: process.env.APP ?? 'shop',
  gatewayName: 'public',
  certificate: `${process.env.APP ?? 'shop'}-cert`,
  canaryPercent: Number(process.env.CANARY ?? '10'),
};
