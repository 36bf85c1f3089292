// netcost — Apache-2.0

/// The report page's style sheet (inlined; system fonts only, nothing fetched).
enum HTMLStyle {
  static let css = #"""
    :root{--fg:#1d232b;--muted:#5d6b7a;--line:#d9dee4;--bg:#fff;--panel:#f5f7f9;--accent:#2563eb;--bar:#93b4f5;--add:#e3f6e5;--rem:#fbe4e4;--chg:#fff4d6}
    *{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
    header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--panel)}h1{margin:0 0 4px;font-size:22px}
    .meta{color:var(--muted);font-size:13px}.meta span{margin-right:16px}main{padding:16px 24px}
    section{margin:0 0 24px}h2{font-size:16px;margin:0 0 8px}
    .cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}.card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px}
    .card .k{color:var(--muted);font-size:12px}.card .v{font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}
    .findings li{margin:2px 0}.findings .warning{color:#9a5b00}.findings .failure{color:#b91c1c}
    .controls{display:flex;gap:8px;margin:0 0 8px;align-items:center}.controls input,.controls select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:4px}
    table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:3px 8px;border-bottom:1px solid var(--line);white-space:nowrap;text-align:left}
    th{position:sticky;top:0;background:var(--panel);cursor:pointer;user-select:none}th.num,td.num{text-align:right}
    th.sorted::after{content:" ▾"}th.sorted.asc::after{content:" ▴"}
    td.num{position:relative}td .b{position:absolute;left:0;top:3px;bottom:3px;background:var(--bar);opacity:.45;z-index:0}td .t{position:relative;z-index:1}
    tr.mod{background:#fafbfc;font-weight:600}tr.mod td:first-child{cursor:pointer}.tw{display:inline-block;width:14px}
    tr.added{background:var(--add)}tr.removed{background:var(--rem)}tr.changed{background:var(--chg)}
    .tablewrap{max-height:min(70vh,680px);overflow:auto;border:1px solid var(--line);border-radius:6px}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}.chart{border:1px solid var(--line);border-radius:6px;padding:8px}
    .chart h3{margin:0 0 4px;font-size:13px;font-weight:600}.chart svg{width:100%;height:180px;display:block}
    svg text{font-size:10px;fill:var(--muted)}.peak{fill:#dc2626}polyline.live{stroke:#dc2626}.bar{fill:var(--accent)}.bar2{fill:#16a34a}
    #graph{border:1px solid var(--line);border-radius:6px;height:70vh;overflow:hidden;position:relative;background:#fcfdfe}#graph svg{width:100%;height:100%;cursor:grab}
    #graph .node rect{stroke:#334155;stroke-width:.5}#graph .node text{fill:#1d232b}#graph .edge{stroke:#94a3b8;stroke-width:.8;fill:none}#graph .sel rect{stroke:#dc2626;stroke-width:2}
    #details{position:absolute;right:8px;top:8px;max-width:360px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px;font-size:12px;display:none;white-space:pre-wrap}
    #hover{position:absolute;left:8px;bottom:8px;max-width:70%;background:#fffffff0;border:1px solid var(--line);border-radius:6px;padding:4px 8px;font-size:12px;display:none}
    #graph .module rect,#graph .repeat rect{stroke-width:1.2}#graph .repeat rect{stroke-dasharray:4 2}#graph text.shape{font-size:9px;fill:#64748b}
    tr.pad td{padding:0;border:0}tr.hl{outline:2px solid #dc2626}td{height:25px}.tip{min-height:1.4em}
    .controls button{font:inherit;padding:3px 8px;border:1px solid var(--line);border-radius:4px;background:var(--bg);cursor:pointer}
    pre.lines{font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 12px}
    code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
    """#
}
