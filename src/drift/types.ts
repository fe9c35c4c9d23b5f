import type { FactChange } from '../facts/compare.js';
import type { JsonSchema } from '../snapshot/types.js';

/** Classes, best to worst. UNCLASSIFIED ranks just below BREAKING: an unexplained change may be anything. */
export const CLASS_ORDER = ['CLEAN', 'DOC', 'ADDITIVE', 'RISKY', 'UNCLASSIFIED', 'BREAKING'] as const;
export type DriftClass = (typeof CLASS_ORDER)[number];
export type ChangeClass = Exclude<DriftClass, 'CLEAN'>;
export type Direction = 'input' | 'output' | 'tool' | 'service';

export const rank = (c: DriftClass) => CLASS_ORDER.indexOf(c);
export const worst = (classes: DriftClass[]): DriftClass =>
  classes.reduce<DriftClass>((w, c) => (rank(c) > rank(w) ? c : w), 'CLEAN');

export interface Change {
  rule: string;
  class: ChangeClass;
  direction: Direction;
  path: string;
  message: string;
  fingerprint: string;
  /** A behavioural documentation change: each fact before and after, with its doc path and sentences. */
  facts?: FactChange[];
}

/** A rule's registry entry: its stable id names direction, area and change (oasdiff style). */
export interface RuleDef {
  id: string;
  class: ChangeClass;
  direction: Direction;
  summary: string;
}

/** Both sides of one schema node (after $ref resolution) and where it sits. */
export interface NodeCtx {
  dir: 'input' | 'output';
  tool: string;
  /**
   * Where the node sits. A message may name its last segment (the member), never more, and never the tool:
   * what is below a shared definition is walked once and replayed at its other paths (engine.ts, subtree).
   */
  path: string;
  old: JsonSchema;
  new: JsonSchema;
  protocol: string | null;
  crossFormat: boolean;
  /** Keys whose values differ between old and new (children excluded). */
  diffKeys: Set<string>;
  emit(ruleId: string, message: string, path?: string, detail?: unknown): void;
  /** Marks keys as explained so they do not count as unclassified. */
  explain(...keys: string[]): void;
  /** Shared between rules at one node (e.g. the default rule defers to required-removed). */
  notes: Map<string, unknown>;
}

export interface NodeRuleFamily {
  name: string;
  rules: RuleDef[];
  /** The schema keywords this family explains. */
  keywords: string[];
  detect(ctx: NodeCtx): void;
}

export interface ToolDiff {
  name: string;
  status: 'present' | 'added' | 'removed';
  class: DriftClass;
  changes: Change[];
}

export interface DiffResult {
  service: { class: DriftClass; changes: Change[] };
  tools: ToolDiff[];
  summary: {
    tools: number;
    counts: Partial<Record<DriftClass, number>>;
    residual: number;
    /** Wire-level changes (found by the independent differ, unseen.ts) that no finding covers. */
    unseen: number;
    line: string;
  };
  /** The paths behind `summary.unseen`. */
  unseen: string[];
}

import type { ServiceInfo, Tool } from '../snapshot/types.js';

export interface ToolCtx {
  tool: string;
  old: Tool;
  new: Tool;
  crossFormat: boolean;
  /** `facts`: the behavioural documentation facts behind the change, shown side by side. */
  emit(ruleId: string, message: string, path?: string, detail?: unknown, facts?: FactChange[]): void;
}

export interface ServiceCtx {
  old: ServiceInfo;
  new: ServiceInfo;
  crossFormat: boolean;
  emit(ruleId: string, message: string, path?: string, detail?: unknown): void;
}

export interface ToolRuleFamily {
  name: string;
  rules: RuleDef[];
  detect(ctx: ToolCtx): void;
}

export interface ServiceRuleFamily {
  name: string;
  rules: RuleDef[];
  detect(ctx: ServiceCtx): void;
}
