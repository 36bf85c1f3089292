// netcost — Apache-2.0

/// The page's self-test, run only when the address ends in a
/// `#nc-selftest` fragment (`#nc-selftest=search:conv2;category:conv`):
/// it works the page as a person would (sorts, searches, filters, collapses
/// a module, scrolls the table to its end, hovers and clicks a graph box,
/// expands the whole graph) and writes what the page then showed, with any
/// script errors and network requests, as base64 JSON into
/// `<pre id="nc-selftest-result">`. It judges nothing: the browser tests
/// compare what it saw with the JSON report.
enum HTMLSelfTestScript {
  static let js = #"""
    function selfTest(){
      const t0=performance.now(),R={ready_ms:NC.readyMs},P={};
      decodeURIComponent(location.hash.slice(1)).replace(/^nc-selftest=?/,'').split(';').filter(Boolean).forEach(kv=>{const i=kv.indexOf(':');if(i>0)P[kv.slice(0,i)]=kv.slice(i+1)});
      const names=(tb,k)=>[...tb.querySelectorAll('tr.layer')].slice(0,k).map(t=>t.dataset.name);
      try{
        R.cards={};document.querySelectorAll('.card').forEach(c=>{R.cards[c.dataset.key]=c.dataset.value===undefined?c.querySelector('.v').textContent:Number(c.dataset.value)});
        R.charts={};document.querySelectorAll('#charts svg[data-series]').forEach(s=>{R.charts[s.dataset.series]={bars:s.querySelectorAll('rect.bar').length+[...s.querySelectorAll('path.bars')].reduce((a,p)=>a+(p.getAttribute('d').match(/M/g)||[]).length,0),points:s.querySelectorAll('circle.pt').length,lines:s.querySelectorAll('polyline').length,peak:s.querySelectorAll('circle.peak').length}});
        const T=NC.tables.find(t=>t.key==='layers'||t.key==='modules')||NC.tables[0];
        if(T){
          const tb=T.sec.querySelector('tbody'),layerEntries=()=>T.list().filter(e=>!e.mod).length;
          T.expandAll();
          R.table={key:T.key,rows:T.rows.length,layer_rows:layerEntries(),module_rows:T.list().filter(e=>e.mod).length,dom_rows:tb.querySelectorAll('tr:not(.pad)').length,shown_text:T.sec.querySelector('.shown').textContent};
          R.table.cells=[...tb.querySelectorAll('tr.layer')].slice(0,25).map(tr=>{const o={name:tr.dataset.name};tr.querySelectorAll('td').forEach((td,j)=>{if(td.dataset.v!==undefined)o[T.cols[j].key]=Number(td.dataset.v)});return o});
          R.table.bars=tb.querySelectorAll('td .b').length;
          const mc=T.cols.findIndex(c=>c.key==='macs');
          if(mc>=0){T.flat(true);T.sort(mc,false);R.table.sort_desc=names(tb,5);R.table.sorted_header=(T.sec.querySelector('th.sorted')||{}).textContent;T.sort(mc,true);R.table.sort_asc=names(tb,5);T.unsort();T.flat(false)}
          if(P.search){T.search(P.search);R.table.search={query:P.search,shown:T.shown(),dom_layers:[...tb.querySelectorAll('tr.layer')].map(t=>t.dataset.name),shown_text:T.sec.querySelector('.shown').textContent};T.search('')}
          if(P.category){T.category(P.category);R.table.category={category:P.category,shown:T.shown()};T.category('')}
          const m=T.mods.find(m=>m.depth===0);
          if(m){const before=layerEntries();T.toggle(m.path);R.table.collapse={path:m.path,layers:m.count,before,after:layerEntries(),row:!!tb.querySelector('tr.mod[data-path="'+CSS.escape(m.path)+'"]')};T.toggle(m.path)}
          const wrap=T.sec.querySelector('.tablewrap');wrap.scrollTop=wrap.scrollHeight;T.draw();
          const last=[...tb.querySelectorAll('tr.layer')].pop();R.table.last_after_scroll=last?last.dataset.name:null;R.table.dom_rows_after_scroll=tb.querySelectorAll('tr:not(.pad)').length;
          // Scrolled through page by page, every row passes through the DOM once (small tables).
          if(T.rows.length<=2000){const seen=new Map();for(let top=0;;top+=Math.max(50,wrap.clientHeight-50)){wrap.scrollTop=top;T.draw();tb.querySelectorAll('tr.layer').forEach(tr=>seen.set(tr.dataset.i,tr.className));if(wrap.scrollTop+wrap.clientHeight>=wrap.scrollHeight-1||top>wrap.scrollHeight)break}
            R.table.seen=seen.size;R.table.kinds={};for(const c of seen.values())for(const k of ['added','removed','changed'])if(c.split(' ').includes(k))R.table.kinds[k]=(R.table.kinds[k]||0)+1}
          wrap.scrollTop=0;T.draw();
        }
        if(NC.graph){
          const g=NC.graph,kinds=()=>{const k={};for(const t of g.kinds())k[t]=(k[t]||0)+1;return k};
          R.graph={layers:g.layers,units_auto:g.units(),kinds_auto:kinds(),drawn_auto:g.drawn()};
          const node=document.querySelector('#graph g.node');
          if(node){node.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));R.graph.hover=document.getElementById('hover').textContent;
            node.dispatchEvent(new MouseEvent('click',{bubbles:true}));R.graph.details=g.details()}
          if(P.layer){const i=D.graph.nodes.findIndex(a=>a[0]===P.layer);if(i>=0){const t=NC.tables.find(t=>t.key==='layers');if(t)t.scrollTo(i);g.focus(i);
            const hl=document.querySelector('tr.hl');R.graph.focus={details:g.details(),row:hl?hl.dataset.name:null,selected:document.querySelectorAll('#graph g.sel').length}}}
          g.expandAll();R.graph.units_all=g.units();R.graph.drawn_all=g.drawn();R.graph.edge_labels=document.querySelectorAll('#graph text.shape').length;
          R.graph.edges_drawn=document.querySelectorAll('#graph path.edge').length;
          g.zoom(8);R.graph.drawn_zoomed_out=g.drawn();g.auto();
        }
      }catch(e){window.ncErrors.push('selftest: '+e.message)}
      R.errors=window.ncErrors.slice();
      R.resources=performance.getEntriesByType('resource').map(e=>e.name);
      R.paint=performance.getEntriesByType('paint').map(e=>[e.name,e.startTime]);
      R.selftest_ms=performance.now()-t0;
      const pre=document.createElement('pre');pre.id='nc-selftest-result';pre.textContent=btoa(unescape(encodeURIComponent(JSON.stringify(R))));document.body.appendChild(pre);
    }

    """#
}
