/* Transfer lines: scan or type a code/barcode and press Enter; the same product adds 1 to its line. */
function rhTransferForm(products, lines, errors) {
  const byCode = {};
  products.forEach(p => { byCode[p.code.toLowerCase()] = p; if (p.barcode) byCode[p.barcode] = p; });
  return {
    products, errors, scan: '', scanError: '',
    lines: lines.length ? lines : [],
    product(id) { return products.find(p => String(p.id) === String(id)); },
    err(path) { return (this.errors[path] || []).join(' '); },
    add(p) {
      const same = this.lines.find(l => String(l.product) === String(p.id) && p.tracking !== 'serial' && !l.lot);
      if (same) { same.quantity = String((parseFloat(same.quantity) || 0) + 1); return; }
      this.lines.push({product: p.id, quantity: '1', lot: '', price_unit: p.cost});
    },
    onScan() {
      const code = this.scan.trim(); if (!code) return;
      const p = byCode[code] || byCode[code.toLowerCase()];
      if (!p) { this.scanError = code; return; }
      this.scanError = ''; this.add(p); this.scan = '';
    },
    get json() { return JSON.stringify(this.lines); },
  };
}
