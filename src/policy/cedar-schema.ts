/** The built-in Cedar schema: the contract policy authors write against. Add optional attributes only. */

export const CEDAR_SCHEMA = `entity Group in [Group];
entity Department in [Department];
entity Person in [Group, Department] { email: String, department: String };
entity Device {
  platform: String, formFactor: String, vendor: String, model: String,
  osVersion: String, ownership: String, managed: Bool,
  marketingName?: String, osSupported?: Bool, exploitedVulnerabilities?: Long
};
entity System { classification: String };
action hold appliesTo { principal: Person, resource: Device, context: { now: datetime } };
action access appliesTo { principal: Person, resource: System,
                          context: { now: datetime, device: Device, evidence: String } };
`;

/** Id of the permit Cordon adds so that "nothing forbids it" is an allow. */
export const BASELINE_POLICY_ID = 'cordon-baseline-permit';

/** The baseline permit itself. */
export const BASELINE_POLICY = 'permit (principal, action, resource);';
