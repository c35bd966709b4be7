/* Flow editor: edits the flow spec JSON (see ronghe/workflow/spec.py) with Alpine.js. */
function rhFlowEditor(spec) {
  spec.branches = spec.branches || [];
  spec.escalation = spec.escalation || null;
  let seq = 1;
  const uid = () => 'n' + Date.now().toString(36) + (seq++);
  return {
    spec: spec,
    get json() { return JSON.stringify(this.spec); },
    addBranch() {
      // new conditional branches go before the default (last) branch
      this.spec.branches.splice(Math.max(this.spec.branches.length - 1, 0), 0,
        {name: '', conditions: [{field: '', op: '>=', value: ''}], nodes: []});
    },
    removeBranch(i) { if (this.spec.branches.length > 1) this.spec.branches.splice(i, 1); },
    addCondition(b) { b.conditions.push({field: '', op: '>=', value: ''}); },
    addNode(b, kind) {
      b.nodes.push({key: uid(), name: '', kind: kind, mode: 'sequential', deadline_hours: null,
                    approvers: kind === 'cc' ? {rule: 'role', role: ''} : {rule: 'dept_head'}});
    },
    move(list, i, d) { const j = i + d; if (j < 0 || j >= list.length) return; const x = list.splice(i, 1)[0]; list.splice(j, 0, x); },
    toggleEscalation(on) { this.spec.escalation = on ? {after_hours: 24, to: 'manager'} : null; },
    toggleUser(node, id) {
      const users = node.approvers.users = node.approvers.users || [];
      const k = users.indexOf(id); if (k >= 0) users.splice(k, 1); else users.push(id);
    },
  };
}
