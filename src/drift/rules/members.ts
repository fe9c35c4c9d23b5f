import type { JsonSchema } from '../../snapshot/types.js';
import type { NodeRuleFamily } from '../types.js';
import { hasOwn } from '../../util/own.js';
import { mirror } from './helpers.js';

/**
 * Structure members: added, removed, required added/removed. Direction matters: a new required
 * request member breaks callers; a response member that may now be absent breaks consumers.
 * A union's members are its variants: a new variant is like a new enum value.
 */
export const members: NodeRuleFamily = {
  name: 'members',
  keywords: ['properties', 'required'],
  rules: [
    ...mirror('member', 'added-optional', 'ADDITIVE', 'ADDITIVE', 'an optional member was added'),
    ...mirror('member', 'added-required', 'BREAKING', 'ADDITIVE', 'a required member was added'),
    ...mirror('member', 'removed', 'BREAKING', 'BREAKING', 'a member was removed'),
    ...mirror('member', 'required-added', 'BREAKING', 'ADDITIVE', 'an existing member became required'),
    ...mirror('member', 'required-removed', 'ADDITIVE', 'BREAKING', 'a required member became optional'),
    ...mirror('union', 'variant-added', 'ADDITIVE', 'RISKY', 'a union variant was added'),
    ...mirror('union', 'variant-removed', 'BREAKING', 'ADDITIVE', 'a union variant was removed'),
  ],
  detect(ctx) {
    const { diffKeys } = ctx;
    if (!diffKeys.has('properties') && !diffKeys.has('required')) return;
    const oProps = (ctx.old.properties ?? {}) as Record<string, JsonSchema>;
    const nProps = (ctx.new.properties ?? {}) as Record<string, JsonSchema>;
    const oReq = new Set((ctx.old.required ?? []) as string[]);
    const nReq = new Set((ctx.new.required ?? []) as string[]);
    const union = ctx.new['x-union'] === true;
    const d = ctx.dir;
    for (const name of Object.keys(nProps).sort()) {
      if (hasOwn(oProps, name)) continue;
      if (union) ctx.emit(`${d}.union.variant-added`, `union variant ${name} added`, `${ctx.path}.${name}`);
      else if (nReq.has(name))
        ctx.emit(`${d}.member.added-required`, `required member ${name} added`, `${ctx.path}.${name}`);
      else ctx.emit(`${d}.member.added-optional`, `optional member ${name} added`, `${ctx.path}.${name}`);
    }
    for (const name of Object.keys(oProps).sort()) {
      if (hasOwn(nProps, name)) continue;
      if (union) ctx.emit(`${d}.union.variant-removed`, `union variant ${name} removed`, `${ctx.path}.${name}`);
      else ctx.emit(`${d}.member.removed`, `member ${name} removed`, `${ctx.path}.${name}`);
    }
    for (const name of [...nReq].sort()) {
      if (!oReq.has(name) && hasOwn(oProps, name) && hasOwn(nProps, name)) {
        ctx.emit(`${d}.member.required-added`, `member ${name} is now required`, `${ctx.path}.${name}`);
      }
    }
    for (const name of [...oReq].sort()) {
      if (!nReq.has(name) && hasOwn(oProps, name) && hasOwn(nProps, name)) {
        const def = (nProps[name] as JsonSchema).default;
        const note =
          def !== undefined && (oProps[name] as JsonSchema).default === undefined
            ? ` (it now defaults to ${JSON.stringify(def)})`
            : '';
        ctx.notes.set(`required-removed:${name}`, true);
        ctx.emit(`${d}.member.required-removed`, `member ${name} is no longer required${note}`, `${ctx.path}.${name}`);
      }
    }
    ctx.explain('properties', 'required');
  },
};
