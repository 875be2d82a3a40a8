import { z } from "zod";
import { computeConfirmationToken } from "../mcp/confirmation-token.js";
import { type ToolContext, ToolFailure, type ToolSuccess } from "../mcp/tool-definition.js";
import { anyObject } from "./shared-schemas.js";

export const deleteOutput = {
  deleted: z.boolean(),
  plan: anyObject,
  confirmationToken: z.string().optional(),
};

export type DeleteOutput = {
  deleted: boolean;
  plan: Record<string, unknown>;
  confirmationToken?: string;
};

export interface DeletionPlan {
  /** What the user is shown: the target and everything removed with it. */
  plan: Record<string, unknown>;
  /** Everything whose change must invalidate the token (may be more than the plan shows). */
  state: unknown;
}

export interface TwoStepDeleteInput {
  toolName: string;
  /** Human description of the target, e.g. `endpoint 123 (GET /orders)`. */
  target: string;
  targetKey: string;
  confirmationToken: string | undefined;
  loadPlan(): Promise<DeletionPlan>;
  remove(): Promise<void>;
}

/**
 * Stateless two-step deletion: without a token, return the plan and a token
 * derived from the current state; with a token, recompute and delete only on a match.
 */
export async function twoStepDelete(
  input: TwoStepDeleteInput,
  context: Pick<ToolContext, "confirmWithUser">,
): Promise<ToolSuccess<DeleteOutput>> {
  const { plan, state } = await input.loadPlan();
  const token = computeConfirmationToken(`${input.toolName}:${input.targetKey}`, state);
  const planText = JSON.stringify(plan);
  if (input.confirmationToken === undefined && context.confirmWithUser) {
    // The client can ask the user directly: a form confirmation replaces the token round trip.
    const answer = await context
      .confirmWithUser(`Delete ${input.target}? This removes: ${planText}`)
      .catch(() => "unavailable" as const);
    if (answer === "accept") {
      await input.remove();
      return {
        structured: { deleted: true, plan },
        text: `The user confirmed. Deleted ${input.target}. Removed: ${planText}`,
      };
    }
    if (answer === "decline") {
      return {
        structured: { deleted: false, plan },
        text: `The user declined: ${input.target} was not deleted.`,
      };
    }
  }
  if (input.confirmationToken === undefined) {
    return {
      structured: { deleted: false, plan, confirmationToken: token },
      text:
        `Nothing deleted yet. Deleting ${input.target} would remove: ${planText}\n` +
        `Show this to the user. If they agree, call ${input.toolName} again with confirmationToken "${token}".`,
    };
  }
  if (input.confirmationToken !== token) {
    throw new ToolFailure(
      `Refused: the confirmation token does not match the current state of ${input.target} (it changed, or the token belongs to another target). Nothing was deleted. ` +
        `Current plan: ${planText}\nShow it to the user; if they still agree, call ${input.toolName} again with confirmationToken "${token}".`,
    );
  }
  await input.remove();
  return { structured: { deleted: true, plan }, text: `Deleted ${input.target}. Removed: ${planText}` };
}
