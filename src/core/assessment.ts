// The organisations' assessment of SPEC 6 (党建目标考核): participation, hours per member, frequency, grade.

import { type Ratio, ratio, ratioAtLeast } from './round.js';
import type { Grade, Rules } from './rules.js';

/** Counts the database layer gathers for one organisation with its subtree and one year. */
export interface OrgFacts {
  /** party_member + probationary, registered by the year's end and not left before it began. */
  partyMembers: number;
  /** Of those, the ones with at least one approved record in the year. */
  participants: number;
  /** The party members' approved service minutes in the year, as recorded. */
  partyMinutes: number;
  /** Activities of the subtree dated in the year. */
  activities: number;
  /** Evaluated service records of all the subtree's volunteers, and those not dissatisfied. */
  evaluated: number;
  satisfiedish: number;
}

/** Exact figures; rounding (rates to 4 decimals, the rest to 2) happens at output. */
export interface OrgAssessment {
  partyMembers: number;
  participants: number;
  participation: Ratio | null;
  minutes: number;
  /** Hours per party member as minutes / (60 × party members). */
  hoursPerMember: Ratio | null;
  activities: number;
  activitiesPerMonth: Ratio;
  satisfaction: Ratio | null;
  /** null when the organisation has no party members (SPEC 11.4). */
  grade: Grade | 'poor' | null;
}

export function assessOrg(facts: OrgFacts, rules: Rules): OrgAssessment {
  const participation = ratio(facts.participants, facts.partyMembers);
  const hoursPerMember = ratio(facts.partyMinutes, 60 * facts.partyMembers);
  const activitiesPerMonth: Ratio = { num: facts.activities, den: 12 };
  const satisfaction = ratio(facts.satisfiedish, facts.evaluated);
  let grade: OrgAssessment['grade'] = null;
  if (participation && hoursPerMember) {
    // as for awards, an organisation without evaluations is not failed on satisfaction
    const met = rules.assessment.grades.find((g) =>
      ratioAtLeast(participation, g.participation)
      && ratioAtLeast(hoursPerMember, g.hours_per_member)
      && ratioAtLeast(activitiesPerMonth, g.activities_per_month)
      && (satisfaction === null || ratioAtLeast(satisfaction, g.satisfaction)));
    grade = met ? met.grade : 'poor';
  }
  return {
    partyMembers: facts.partyMembers, participants: facts.participants, participation,
    minutes: facts.partyMinutes, hoursPerMember, activities: facts.activities, activitiesPerMonth, satisfaction, grade,
  };
}
