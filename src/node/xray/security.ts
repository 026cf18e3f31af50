// Who may use the x-ray endpoint: the console's own page, on this machine, holding this launch's session
// token — the shared guard of every local endpoint (src/node/guard/local-request.ts), with the x-ray's
// methods: GET (is the x-ray here?) and POST (run it).
import { checkLocalRequest } from '../guard/local-request.ts';
import type {
  LocalAccessPolicy,
  LocalCheck,
  LocalEndpoint,
  LocalRequestFacts,
} from '../guard/local-request.ts';

export { isLoopbackAddress, isLoopbackHostHeader } from '../guard/local-request.ts';
export type XrayRequestFacts = LocalRequestFacts;
export type XrayCheck = LocalCheck;

/** Methods the endpoint serves: GET (is the x-ray here?) and POST (run it). */
export const XRAY_METHODS: readonly string[] = ['GET', 'POST'];

const XRAY_ENDPOINT: LocalEndpoint = {
  name: 'The x-ray',
  methods: XRAY_METHODS,
  methodHelp: 'Use GET to check the x-ray is here, POST to run it.',
};

export function checkXrayRequest(facts: XrayRequestFacts, policy: LocalAccessPolicy): XrayCheck {
  return checkLocalRequest(facts, policy, XRAY_ENDPOINT);
}
