/* Form template builder: edits the list of field definitions (ronghe/oaforms/fields.py). */
function rhTemplateEditor(fields) {
  const zh = (l) => (l && typeof l === 'object') ? (l['zh-hans'] || '') : (l || '');
  const en = (l) => (l && typeof l === 'object') ? (l['en'] || '') : '';
  const optText = (opts) => (opts || []).map(o => typeof o === 'object' ? `${o.value}=${zh(o.label)}` : String(o)).join('\n');
  const toRow = (f) => ({key: f.key || '', zh: zh(f.label), en: en(f.label), type: f.type || 'text', required: !!f.required,
                        total: !!f.total, options: optText(f.options), columns: (f.columns || []).map(toRow)});
  const toField = (r, inTable) => {
    const f = {key: r.key.trim(), label: r.en ? {'zh-hans': r.zh, 'en': r.en} : r.zh, type: r.type, required: r.required};
    if (r.type === 'select' || r.type === 'multiselect') {
      f.options = r.options.split('\n').map(s => s.trim()).filter(Boolean).map(s => {
        const [v, l] = s.includes('=') ? s.split('=') : [s, s]; return {value: v.trim(), label: l.trim()}; });
    }
    if (r.type === 'table' && !inTable) f.columns = r.columns.map(c => toField(c, true));
    if (inTable && r.total) f.total = true;
    return f;
  };
  return {
    rows: fields.map(toRow),
    add(list) { list.push(toRow({type: 'text'})); },
    move(list, i, d) { const j = i + d; if (j < 0 || j >= list.length) return; const x = list.splice(i, 1)[0]; list.splice(j, 0, x); },
    get json() { return JSON.stringify(this.rows.map(r => toField(r, false))); },
  };
}
