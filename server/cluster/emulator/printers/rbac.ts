/** RoleBindings and ClusterRoleBindings (Roles and ClusterRoles have no printer upstream: see default.ts). */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn, wide } from './columns.ts';
import { rec, records, str } from './fields.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, each list joined with `, `. */
function subjects(binding: StoredObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of records(binding.subjects)) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding'): TablePrinter {
  const roleDoc = kind === 'roleBinding' ? 'rbac_v1beta1.RoleBinding.roleRef' : 'rbac_v1beta1.ClusterRoleBinding.roleRef';
  return {
    columns: [
      nameColumn(),
      col('Role', 'string', roleDoc),
      ageColumn(),
      col('Users', 'string', `Users in the ${kind}`, wide),
      col('Groups', 'string', `Groups in the ${kind}`, wide),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, wide),
    ],
    cells(b: StoredObject, ctx: PrintContext) {
      const ref = rec(b.roleRef);
      return [b.metadata.name, `${str(ref.kind)}/${str(ref.name)}`, age(b, ctx), ...subjects(b)];
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');
