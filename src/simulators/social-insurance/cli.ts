import path from 'node:path';
import { socialInsuranceKey } from '../../modules/connector/signing.ts';
import { startSocialInsuranceSimulator } from './server.ts';

/**
 * `npm run social-insurance`: the simulated Vietnam Social Security system on its own
 * (SOCIAL_INSURANCE_SIM_PORT, default 4300; secret SOCIAL_INSURANCE_SECRET or the file under DATA_DIR).
 */
const key = socialInsuranceKey(path.resolve(process.env.DATA_DIR ?? 'data'));
const sim = await startSocialInsuranceSimulator({
  key, port: Number(process.env.SOCIAL_INSURANCE_SIM_PORT ?? 4300), host: process.env.HOST ?? '127.0.0.1',
  delayMs: Number(process.env.SOCIAL_INSURANCE_SIM_DELAY_MS ?? 2000),
});
console.log(`BHXH Việt Nam — hệ thống mô phỏng (simulated) at ${sim.url}
Point Motcua at it: SOCIAL_INSURANCE_URL=${sim.url} npm start   (same DATA_DIR or SOCIAL_INSURANCE_SECRET on both sides)`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { void sim.close().finally(() => process.exit(0)); });
