/* Compose an internal mail: recipient pickers (users, departments, roles; type to filter, Enter or click to
   add, Backspace to remove the last) and a small rich-text editor whose HTML goes into a hidden field (the
   server sanitizes it). Loaded before Alpine (no defer). */
function rhRecipients(field, options, initial) {
  return {
    field: field,
    options: options,            // [{value: "user:3", label: "王芳", group: "用户"}]
    chosen: initial || [],       // ["user:3", ...]
    q: "",
    open: false,
    active: 0,
    label(v) { const o = this.options.find(o => o.value === v); return o ? o.label : v; },
    icon(v) { return v.startsWith("dept:") ? "bi-diagram-3" : v.startsWith("role:") ? "bi-person-badge" : "bi-person"; },
    get matches() {
      const q = this.q.trim().toLowerCase();
      return this.options.filter(o => !this.chosen.includes(o.value) &&
        (!q || o.label.toLowerCase().includes(q) || (o.hint || "").toLowerCase().includes(q))).slice(0, 12);
    },
    add(v) { if (v && !this.chosen.includes(v)) this.chosen.push(v); this.q = ""; this.active = 0; },
    remove(v) { this.chosen = this.chosen.filter(x => x !== v); },
    key(e) {
      if (e.key === "ArrowDown") { this.active = Math.min(this.active + 1, this.matches.length - 1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { this.active = Math.max(this.active - 1, 0); e.preventDefault(); }
      else if (e.key === "Enter") { if (this.matches[this.active]) this.add(this.matches[this.active].value); e.preventDefault(); }
      else if (e.key === "Backspace" && !this.q && this.chosen.length) { this.chosen.pop(); }
      else if (e.key === "Escape") { this.open = false; }
    },
  };
}

function rhRichText(initial) {
  return {
    html: initial || "",
    init() { this.$refs.editor.innerHTML = this.html; },
    sync() { this.html = this.$refs.editor.innerHTML; },
    cmd(name, value) {
      this.$refs.editor.focus();
      if (name === "createLink") {
        value = window.prompt(this.$refs.editor.dataset.linkPrompt || "URL", "https://");
        if (!value) return;
      }
      document.execCommand(name, false, value || null);
      this.sync();
    },
  };
}
