// netcost — Apache-2.0

/// The charts' script, all inline SVG: MACs and parameters per layer in
/// execution order (one bar per layer), activation memory with live memory
/// and its peak, receptive-field size and jump through depth, cost by op
/// category, measured time and the roofline (with a profile), and one bar
/// per model for each metric of a comparison.
enum HTMLChartScript {
  static let js = #"""
    const S=k=>D.series.find(s=>s.key===k);
    const chartBox=document.querySelector('#charts .charts');
    function chart(key,title,svg,note){const d=document.createElement('div');d.className='chart';d.dataset.chart=key;d.innerHTML='<h3>'+esc(title)+'</h3>'+svg+(note?'<div class="meta">'+esc(note)+'</div>':'');chartBox.appendChild(d);NC.charts.push(key);return d}
    const layerName=i=>D.graph&&D.graph.nodes[i]?D.graph.nodes[i][0]:String(i);
    function bars(s,extra,unitFmt){
      const n=s.values.length,H=100,max=Math.max(1e-300,maxOf(s.values));
      // One rect per layer; past 1,500 layers one path with a subpath per layer, far lighter to lay out and paint.
      const r=[];
      if(n<=1500)for(let i=0;i<n;i++){const v=isFinite(s.values[i])?s.values[i]:0,h=H*v/max;r.push('<rect class="bar" data-i="'+i+'" x="'+i+'" y="'+(H-h).toFixed(3)+'" width="0.85" height="'+h.toFixed(3)+'"/>')}
      else{const d=[];for(let i=0;i<n;i++){const v=isFinite(s.values[i])?s.values[i]:0;d.push('M'+i+' '+H+'v-'+(H*v/max).toFixed(3)+'h.85V'+H+'z')}r.push('<path class="bar bars" d="'+d.join('')+'"/>')}
      const svg='<svg data-series="'+s.key+'" viewBox="0 0 '+Math.max(n,1)+' '+H+'" preserveAspectRatio="none">'+r.join('')+(extra?extra(n,H):'')+'</svg>';
      const d=chart(s.key,s.title+' (max '+unitFmt(max)+')',svg,n+' bars, in execution order; hover a bar for its layer');
      const svgEl=d.querySelector('svg'),tip=document.createElement('div');tip.className='meta tip';d.appendChild(tip);
      svgEl.addEventListener('mousemove',ev=>{const r=svgEl.getBoundingClientRect(),i=Math.floor(n*(ev.clientX-r.left)/Math.max(1,r.width));if(i>=0&&i<n)tip.textContent=layerName(i)+': '+unitFmt(isFinite(s.values[i])?s.values[i]:0)});
      return d;
    }
    function line(vals,n,H,max,cls){const pts=[];for(let i=0;i<n;i++)pts.push((i+.4)+','+(H-H*(isFinite(vals[i])?vals[i]:0)/max).toFixed(3));return '<polyline class="'+cls+'" points="'+pts.join(' ')+'" fill="none" stroke-width="1.5" vector-effect="non-scaling-stroke"/>'}
    function labelled(s,unitFmt){
      const n=s.values.length,W=Math.max(300,n*60),H=120,max=Math.max(1e-300,maxOf(s.values));
      const r=s.values.map((v,i)=>{const h=(H-40)*v/max;return '<rect class="bar" data-i="'+i+'" x="'+(i*60+10)+'" y="'+(H-20-h).toFixed(2)+'" width="40" height="'+h.toFixed(2)+'"><title>'+esc(s.labels[i]+': '+unitFmt(v))+'</title></rect><text x="'+(i*60+30)+'" y="'+(H-6)+'" text-anchor="middle">'+esc(String(s.labels[i]).slice(0,12))+'</text><text x="'+(i*60+30)+'" y="'+(H-24-h).toFixed(2)+'" text-anchor="middle">'+esc(unitFmt(v))+'</text>'}).join('');
      chart(s.key,s.title,'<svg data-series="'+s.key+'" viewBox="0 0 '+W+' '+H+'">'+r+'</svg>');
    }
    function horizontal(s,unitFmt){
      const n=s.values.length,H=n*18+4,max=Math.max(1e-300,maxOf(s.values));
      const r=s.values.map((v,i)=>'<text x="0" y="'+(i*18+13)+'">'+esc(s.labels[i])+'</text><rect class="bar" data-i="'+i+'" x="110" y="'+(i*18+3)+'" width="'+(380*v/max).toFixed(2)+'" height="13"/><text x="'+(114+380*v/max).toFixed(2)+'" y="'+(i*18+13)+'">'+esc(unitFmt(v))+'</text>').join('');
      chart(s.key,s.title,'<svg data-series="'+s.key+'" viewBox="0 0 560 '+H+'" style="height:'+(H+8)+'px">'+r+'</svg>');
    }
    function roofline(ri,rg){
      const peak=D.metadata.peak_gflops,bw=D.metadata.bandwidth_gbs,W=500,H=220;
      const xs=ri.values.concat([peak/bw]).filter(v=>v>0),ys=rg.values.filter(v=>v>0).concat([peak]);
      let lo=Infinity,hi=-Infinity;for(const v of xs){if(v<lo)lo=v;if(v>hi)hi=v}
      let ylo=Infinity;for(const v of ys)if(v<ylo)ylo=v;
      const x0=Math.log10(lo/4),x1=Math.log10(hi*4),y1=Math.log10(peak*2),y0=Math.log10(Math.max(1e-3,ylo/4));
      const X=v=>40+(W-50)*(Math.log10(v)-x0)/(x1-x0),Y=v=>H-20-(H-30)*(Math.log10(v)-y0)/(y1-y0);
      const xa=Math.pow(10,x0),ya=Math.max(Math.pow(10,y0),bw*xa);
      let e='<polyline class="roof" points="'+X(ya/bw).toFixed(1)+','+Y(ya).toFixed(1)+' '+X(peak/bw).toFixed(1)+','+Y(peak).toFixed(1)+' '+X(Math.pow(10,x1)).toFixed(1)+','+Y(peak).toFixed(1)+'" stroke="#dc2626" fill="none"/>';
      e+=ri.values.map((v,i)=>v>0&&rg.values[i]>0?'<circle class="pt" data-i="'+i+'" cx="'+X(v).toFixed(1)+'" cy="'+Y(rg.values[i]).toFixed(1)+'" r="3" fill="#2563eb"><title>'+esc(ri.labels[i]+': '+v.toFixed(1)+' FLOP/B, '+rg.values[i].toFixed(1)+' GFLOP/s')+'</title></circle>':'').join('');
      e+='<text x="40" y="12">GFLOP/s (log): peak '+esc(peak.toFixed(1))+', bandwidth '+esc(bw.toFixed(1))+' GB/s</text><text x="'+(W-10)+'" y="'+(H-4)+'" text-anchor="end">FLOP/B (log)</text>';
      chart('roofline','Roofline: each timed layer at its arithmetic intensity','<svg data-series="roofline" viewBox="0 0 '+W+' '+H+'" style="height:240px">'+e+'</svg>');
    }
    if(D.kind==='analyze'||D.kind==='rf'){
      for(const [k,f] of [['macs',si],['params',grouped]])if(S(k))bars(S(k),null,f);
      const act=S('activation_bytes'),live=S('live_bytes');
      if(act&&live){const lmax=Math.max(1,maxOf(live.values));
        const d=bars({key:'activation_bytes',title:'Activation memory per layer (bars) and live memory (line)',values:act.values},(n,H)=>{let e=line(live.values,n,H,lmax,'live');if(live.marked!=null){const i=live.marked;e+='<circle class="peak" cx="'+(i+.4)+'" cy="'+(H-H*live.values[i]/lmax).toFixed(3)+'" r="2" vector-effect="non-scaling-stroke"/>'}return e},bytes);
        d.querySelector('.meta').textContent+='; live peak '+bytes(lmax)+(live.marked!=null?' at '+layerName(live.marked):'');
      }
      const rs=S('rf_size'),rj=S('rf_jump');
      if(rs&&rs.values.some(v=>v>0)){const n=rs.values.length,H=100,max=Math.max(1,maxOf(rs.values));
        chart('rf','Receptive-field size (blue, max '+max+' px) and jump (green, scaled to the same axis) through depth','<svg data-series="rf" viewBox="0 0 '+n+' '+H+'" preserveAspectRatio="none">'+line(rs.values,n,H,max,'rfsize" stroke="#2563eb')+line(rj.values,n,H,Math.max(1,maxOf(rj.values)),'rfjump" stroke="#16a34a')+'</svg>')}
      if(S('category_macs'))horizontal(S('category_macs'),si);
      if(S('category_flops'))horizontal(S('category_flops'),si);
      if(S('measured_ms'))bars(S('measured_ms'),null,v=>v.toFixed(3)+' ms');
      const ri=S('roofline_intensity'),rg=S('roofline_gflops');
      if(ri&&rg&&D.metadata.peak_gflops>0&&D.metadata.bandwidth_gbs>0)roofline(ri,rg);
    }else{
      const fm=s=>s.unit==='B'?bytes:si;
      for(const s of D.series)if(s.labels)labelled(s,fm(s));
    }
    if(!chartBox.children.length)document.getElementById('charts').remove();

    """#
}
