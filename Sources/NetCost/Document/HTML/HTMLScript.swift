// netcost — Apache-2.0

/// The report page's script, assembled from its parts: shared helpers, the
/// tables (``HTMLTableScript``), the charts (``HTMLChartScript``), the graph
/// (``HTMLGraphScript``) and the self-test a `#nc-selftest` fragment runs
/// (``HTMLSelfTestScript``). No libraries, no network; everything it draws
/// comes from the document's data embedded in the page.
enum HTMLScript {
  /// The whole script, one function scope.
  static let js =
    prelude + HTMLTableScript.js + HTMLChartScript.js + HTMLGraphScript.js + HTMLSelfTestScript.js + epilogue

  /// Helpers every part uses: the data, escaping and number formats.
  static let prelude = #"""
    (function(){
    'use strict';
    const D=JSON.parse(document.getElementById('nc-data').textContent);
    const NC=window.NC={data:D,tables:[],graph:null,charts:[]};
    const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
    const grouped=n=>{const s=String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g,',');return n<0?'-'+s:s};
    const si=n=>{for(const [s,k] of [[1e15,'P'],[1e12,'T'],[1e9,'G'],[1e6,'M'],[1e3,'K']]) if(Math.abs(n)>=s) return (n/s).toFixed(2)+k;return String(n)};
    const bytes=n=>{for(const [s,k] of [[1e12,'TB'],[1e9,'GB'],[1e6,'MB'],[1e3,'KB']]) if(Math.abs(n)>=s) return (n/s).toFixed(2)+' '+k;return n+' B'};
    const fmt=(kind,v)=>v==null?'':kind==='count'?grouped(v):kind==='quantity'?si(v):kind==='bytes'?bytes(v):String(v);
    const numeric=k=>k==='count'||k==='quantity'||k==='bytes'||k==='number'||k==='share';
    const maxOf=a=>{let m=-Infinity;for(const v of a)if(isFinite(v)&&v>m)m=v;return m};
    // Module paths: ResNet's `layer3.4.conv2`; exported ONNX's `/layer3/layer3.4/conv2/Conv` splits on `/`.
    const pathParts=name=>{name=String(name);const p=name.split(name.includes('/')?'/':'.').filter(s=>s.length);return p.length?p:[name]};

    """#

  /// Marks the page ready (the browser tests and the benchmark wait for it).
  static let epilogue = #"""
    NC.readyMs=performance.now();
    document.body.dataset.ready='1';document.body.dataset.readyMs=NC.readyMs.toFixed(1);
    if(location.hash.startsWith('#nc-selftest'))window.addEventListener('load',()=>setTimeout(selfTest,0));
    // `#nc-layer=NAME` opens the page on that layer: its row and its box in the graph.
    if(location.hash.startsWith('#nc-layer=')&&NC.graph){const name=decodeURIComponent(location.hash.slice(10)),i=D.graph.nodes.findIndex(a=>a[0]===name);
      if(i>=0)window.addEventListener('load',()=>{const t=NC.tables.find(t=>t.key==='layers');if(t)t.scrollTo(i);NC.graph.focus(i)})}
    })();
    """#
}
