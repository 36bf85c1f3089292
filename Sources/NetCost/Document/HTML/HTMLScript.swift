// netcost — Apache-2.0

/// The report page's script: draws the tables (a module tree for layers,
/// sortable, searchable, filterable by op category, with share bars), the
/// SVG charts and the graph from the embedded data. No libraries, no network.
enum HTMLScript {
  static let js = #"""
    (function(){
    'use strict';
    const D=JSON.parse(document.getElementById('nc-data').textContent);window.NC=D;
    const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
    const grouped=n=>{const s=String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g,',');return n<0?'-'+s:s};
    const si=n=>{for(const [s,k] of [[1e15,'P'],[1e12,'T'],[1e9,'G'],[1e6,'M'],[1e3,'K']]) if(Math.abs(n)>=s) return (n/s).toFixed(2)+k;return String(n)};
    const bytes=n=>{for(const [s,k] of [[1e12,'TB'],[1e9,'GB'],[1e6,'MB'],[1e3,'KB']]) if(Math.abs(n)>=s) return (n/s).toFixed(2)+' '+k;return n+' B'};
    const fmt=(kind,v)=>v==null?'':kind==='count'?grouped(v):kind==='quantity'?si(v):kind==='bytes'?bytes(v):String(v);
    const numeric=k=>k==='count'||k==='quantity'||k==='bytes'||k==='number'||k==='share';
    const BARS=['params','macs','flops','activation_bytes','measured_ms'];

    function setupTable(sec){
      const T=D.tables[+sec.dataset.table],cols=T.columns,rows=T.rows;
      const nameCol=Math.max(0,cols.findIndex(c=>c.key==='name'||c.key==='layer'||c.key==='model'));
      const catCol=cols.findIndex(c=>c.key==='category'),kindCol=cols.findIndex(c=>c.key==='kind');
      const tree=T.key==='layers';
      const bar=cols.map(c=>BARS.includes(c.key)&&numeric(c.kind));
      const total=cols.map((c,j)=>bar[j]?rows.reduce((a,r)=>a+(typeof r[1][j]==='number'?Math.max(0,r[1][j]):0),0):0);
      // The module tree from dotted names: a module per proper prefix, leaves are layers.
      const root={mod:true,name:'',path:'',kids:[],sums:cols.map(()=>0),first:0,count:0},byPath={};
      rows.forEach((r,i)=>{
        const name=String(r[1][nameCol]==null?r[0][nameCol]:r[1][nameCol]);
        const parts=tree?name.split('.'):[name];let node=root,path='';
        for(let k=0;k<parts.length-1;k++){
          path=path?path+'.'+parts[k]:parts[k];let m=byPath[path];
          if(!m){m=byPath[path]={mod:true,name:parts[k],path,kids:[],sums:cols.map(()=>0),first:i,count:0};node.kids.push(m)}
          node=m;
        }
        node.kids.push({mod:false,i});
      });
      (function sum(m){for(const k of m.kids){if(k.mod){sum(k);k.sums.forEach((v,j)=>m.sums[j]+=v);m.count+=k.count}else{m.count++;cols.forEach((c,j)=>{const v=rows[k.i][1][j];if(numeric(c.kind)&&typeof v==='number')m.sums[j]+=v})}}})(root);
      const st={col:-1,asc:false,q:'',cat:'',closed:new Set()};
      const ctl=sec.querySelector('.controls'),wrap=sec.querySelector('.tablewrap');
      let h='<input class="search" type="search" placeholder="Search layers…">';
      if(catCol>=0){const cats=[...new Set(rows.map(r=>r[0][catCol]))].sort();h+='<select class="category"><option value="">every op category</option>'+cats.map(c=>'<option>'+esc(c)+'</option>').join('')+'</select>'}
      h+='<span class="meta shown"></span>';ctl.innerHTML=h;
      const keyOf=n=>{const j=st.col;if(j<0)return n.mod?n.first:n.i;if(n.mod)return numeric(cols[j].kind)?n.sums[j]:n.name;const v=rows[n.i][1][j];return v==null?rows[n.i][0][j]:v};
      function visible(i){const r=rows[i];if(st.cat&&r[0][catCol]!==st.cat)return false;if(!st.q)return true;const q=st.q;return String(r[0][nameCol]).toLowerCase().includes(q)||r[0].some((t,j)=>j!==nameCol&&!numeric(cols[j].kind)&&String(t).toLowerCase().includes(q))}
      function render(){
        const out=[],filtering=st.q||st.cat;let shown=0;
        const head='<thead><tr>'+cols.map((c,j)=>'<th data-col="'+j+'" class="'+(c.num?'num':'')+(st.col===j?' sorted'+(st.asc?' asc':''):'')+'">'+esc(c.title)+'</th>').join('')+'</tr></thead>';
        function cell(j,text,v){
          if(!cols[j].num)return '<td>'+esc(text)+'</td>';
          let b='';if(bar[j]&&total[j]>0&&typeof v==='number'&&v>0)b='<span class="b" style="width:'+(100*v/total[j]).toFixed(2)+'%"></span>';
          return '<td class="num"'+(typeof v==='number'?' data-v="'+v+'"':'')+'>'+b+'<span class="t">'+esc(text)+'</span></td>';
        }
        function walk(m,depth){
          const kids=m.kids.slice();
          if(st.col>=0)kids.sort((a,b)=>{const x=keyOf(a),y=keyOf(b);const c=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));return st.asc?c:-c});
          for(const k of kids){
            if(k.mod){
              const inner=[];const before=out.length;const any=(function has(n){return n.kids.some(c=>c.mod?has(c):visible(c.i))})(k);
              if(!any)continue;
              const open=filtering||!st.closed.has(k.path);
              out.push('<tr class="mod" data-path="'+esc(k.path)+'" data-layers="'+k.count+'">'+cols.map((c,j)=>j===nameCol?'<td style="padding-left:'+(8+depth*14)+'px"><span class="tw">'+(open?'▾':'▸')+'</span>'+esc(k.name)+' <span class="meta">('+k.count+')</span></td>':numeric(c.kind)&&c.kind!=='share'&&c.kind!=='number'?cell(j,fmt(c.kind,k.sums[j]),k.sums[j]):'<td></td>').join('')+'</tr>');
              if(open)walk(k,depth+1);
            }else if(visible(k.i)){
              const r=rows[k.i];shown++;
              const cls='layer'+(kindCol>=0?' '+r[0][kindCol]:'');
              out.push('<tr class="'+cls+'" data-i="'+k.i+'" data-name="'+esc(r[0][nameCol])+'">'+cols.map((c,j)=>j===nameCol?'<td style="padding-left:'+(8+depth*14)+'px">'+esc(r[0][j])+'</td>':cell(j,r[0][j],r[1][j])).join('')+'</tr>');
            }
          }
        }
        walk(root,0);
        wrap.innerHTML='<table>'+head+'<tbody>'+out.join('')+'</tbody></table>';
        ctl.querySelector('.shown').textContent=shown+' of '+rows.length+' rows';
      }
      wrap.addEventListener('click',e=>{
        const th=e.target.closest('th');if(th){const j=+th.dataset.col;if(st.col===j){if(st.asc){st.col=-1}else st.asc=true}else{st.col=j;st.asc=false}render();return}
        const tr=e.target.closest('tr.mod');if(tr){const p=tr.dataset.path;st.closed.has(p)?st.closed.delete(p):st.closed.add(p);render()}
      });
      ctl.querySelector('.search').addEventListener('input',e=>{st.q=e.target.value.trim().toLowerCase();render()});
      const cs=ctl.querySelector('.category');if(cs)cs.addEventListener('change',e=>{st.cat=e.target.value;render()});
      render();
    }

    // Charts: inline SVG, one rect per value.
    const S=k=>D.series.find(s=>s.key===k);
    const charts=document.querySelector('#charts .charts');
    function chart(title,svg,note){const d=document.createElement('div');d.className='chart';d.innerHTML='<h3>'+esc(title)+'</h3>'+svg+(note?'<div class="meta">'+note+'</div>':'');charts.appendChild(d);return d}
    function bars(s,extra,unitFmt){
      const n=s.values.length,H=100,max=Math.max(1e-300,...s.values.map(v=>isFinite(v)?v:0));
      const r=[];for(let i=0;i<n;i++){const v=isFinite(s.values[i])?s.values[i]:0,h=H*v/max;r.push('<rect class="bar" data-i="'+i+'" x="'+i+'" y="'+(H-h).toFixed(3)+'" width="0.85" height="'+h.toFixed(3)+'"/>')}
      const svg='<svg data-series="'+s.key+'" viewBox="0 0 '+Math.max(n,1)+' '+H+'" preserveAspectRatio="none">'+r.join('')+(extra?extra(n,H):'')+'</svg>';
      return chart(s.title+' (max '+unitFmt(max)+')',svg,n+' bars, in execution order');
    }
    function line(vals,n,H,max,cls){const pts=[];for(let i=0;i<n;i++)pts.push((i+.4)+','+(H-H*(isFinite(vals[i])?vals[i]:0)/max).toFixed(3));return '<polyline class="'+cls+'" points="'+pts.join(' ')+'" fill="none" stroke-width="1.5" vector-effect="non-scaling-stroke"/>'}
    function labelled(s,unitFmt){
      const n=s.values.length,W=Math.max(300,n*60),H=120,max=Math.max(1e-300,...s.values);
      const r=s.values.map((v,i)=>{const h=(H-30)*v/max;return '<rect class="bar" data-i="'+i+'" x="'+(i*60+10)+'" y="'+(H-20-h).toFixed(2)+'" width="40" height="'+h.toFixed(2)+'"><title>'+esc(s.labels[i]+': '+unitFmt(v))+'</title></rect><text x="'+(i*60+30)+'" y="'+(H-6)+'" text-anchor="middle">'+esc(String(s.labels[i]).slice(0,12))+'</text><text x="'+(i*60+30)+'" y="'+(H-24-h).toFixed(2)+'" text-anchor="middle">'+esc(unitFmt(v))+'</text>'}).join('');
      chart(s.title,'<svg data-series="'+s.key+'" viewBox="0 0 '+W+' '+H+'">'+r+'</svg>');
    }
    function horizontal(s,unitFmt){
      const n=s.values.length,H=n*18+4,max=Math.max(1e-300,...s.values);
      const r=s.values.map((v,i)=>'<text x="0" y="'+(i*18+13)+'">'+esc(s.labels[i])+'</text><rect class="bar" x="110" y="'+(i*18+3)+'" width="'+(380*v/max).toFixed(2)+'" height="13"/><text x="'+(114+380*v/max).toFixed(2)+'" y="'+(i*18+13)+'">'+esc(unitFmt(v))+'</text>').join('');
      chart(s.title,'<svg data-series="'+s.key+'" viewBox="0 0 560 '+H+'" style="height:'+(H+8)+'px">'+r+'</svg>');
    }
    if(D.kind==='analyze'||D.kind==='rf'){
      for(const [k,f] of [['macs',si],['params',grouped]])if(S(k))bars(S(k),null,f);
      const act=S('activation_bytes'),live=S('live_bytes');
      if(act&&live){const lmax=Math.max(1,...live.values),amax=Math.max(1,...act.values);
        bars({key:'memory',title:'Activation memory per layer (bars) and live memory (line)',values:act.values},(n,H)=>{let e=line(live.values,n,H,lmax,'live');if(live.marked!=null){const i=live.marked;e+='<circle class="peak" cx="'+(i+.4)+'" cy="'+(H-H*live.values[i]/lmax).toFixed(3)+'" r="2" vector-effect="non-scaling-stroke"/>'}return e},v=>bytes(v)+' per layer; live peak '+bytes(lmax)+(live.marked!=null?' at '+(D.graph?D.graph.nodes[live.marked][0]:live.marked):''));
      }
      const rs=S('rf_size'),rj=S('rf_jump');
      if(rs&&rs.values.some(v=>v>0)){const n=rs.values.length,H=100,max=Math.max(1,...rs.values);
        chart('Receptive-field size (blue, max '+max+' px) and jump (green, scaled to the same axis) through depth','<svg data-series="rf" viewBox="0 0 '+n+' '+H+'" preserveAspectRatio="none">'+line(rs.values,n,H,max,'rfsize" stroke="#2563eb')+line(rj.values,n,H,Math.max(1,...rj.values),'rfjump" stroke="#16a34a')+'</svg>')}
      if(S('category_macs'))horizontal(S('category_macs'),si);
      if(S('category_flops'))horizontal(S('category_flops'),si);
      if(S('measured_ms'))bars(S('measured_ms'),null,v=>v.toFixed(3)+' ms');
      const ri=S('roofline_intensity'),rg=S('roofline_gflops');
      if(ri&&rg){const peak=D.metadata.peak_gflops,bw=D.metadata.bandwidth_gbs,W=500,H=220;
        const xs=ri.values.concat([peak/bw]).filter(v=>v>0),x0=Math.log10(Math.min(...xs)/4),x1=Math.log10(Math.max(...xs)*4),y1=Math.log10(peak*2),y0=Math.log10(Math.max(1e-3,Math.min(...rg.values.filter(v=>v>0),peak)/4));
        const X=v=>40+(W-50)*(Math.log10(v)-x0)/(x1-x0),Y=v=>H-20-(H-30)*(Math.log10(v)-y0)/(y1-y0);
        let e='<polyline points="'+X(Math.pow(10,x0))+','+Y(Math.max(Math.pow(10,y0),bw*Math.pow(10,x0)))+' '+X(peak/bw)+','+Y(peak)+' '+X(Math.pow(10,x1))+','+Y(peak)+'" stroke="#dc2626" fill="none"/>';
        e+=ri.values.map((v,i)=>v>0&&rg.values[i]>0?'<circle class="pt" cx="'+X(v).toFixed(1)+'" cy="'+Y(rg.values[i]).toFixed(1)+'" r="3" fill="#2563eb"><title>'+esc(ri.labels[i]+': '+v.toFixed(1)+' FLOP/B, '+rg.values[i].toFixed(1)+' GFLOP/s')+'</title></circle>':'').join('');
        e+='<text x="40" y="12">GFLOP/s (log) — peak '+peak.toFixed(1)+', bandwidth '+bw.toFixed(1)+' GB/s</text><text x="'+(W-10)+'" y="'+(H-4)+'" text-anchor="end">FLOP/B (log)</text>';
        chart('Roofline: each timed layer at its arithmetic intensity','<svg data-series="roofline" viewBox="0 0 '+W+' '+H+'" style="height:240px">'+e+'</svg>');
      }
    }else{
      const fm=s=>s.unit==='B'?bytes:si;
      for(const s of D.series)if(s.labels)labelled(s,fm(s));
    }
    if(!charts.children.length)document.getElementById('charts').remove();

    document.querySelectorAll('section.table').forEach(setupTable);

    // The graph: nodes in layers (longest path from the inputs), coloured by MACs on a log scale.
    const G=D.graph,box=document.getElementById('graph');
    if(G&&box){
      const N=G.nodes,n=N.length,lv=new Int32Array(n),slot=new Int32Array(n),width=[];
      let maxM=1;for(let i=0;i<n;i++){let l=1;for(const p of N[i][5])if(p>=0&&lv[p]+1>l)l=lv[p]+1;lv[i]=l;slot[i]=width[l]=(width[l]||0);width[l]++;if(N[i][4]>maxM)maxM=N[i][4]}
      const NW=130,NH=22,DX=150,DY=46,cols=Math.max(G.inputs.length,...width.filter(Boolean));
      const X=i=>(cols-width[lv[i]])*DX/2+slot[i]*DX,Y=i=>lv[i]*DY,IX=k=>(cols-G.inputs.length)*DX/2+k*DX;
      const colour=m=>{if(m<=0)return '#eef1f4';const t=Math.log10(1+m)/Math.log10(1+maxM);return 'hsl('+(220-200*t).toFixed(0)+',75%,'+(88-40*t).toFixed(0)+'%)'};
      const e=[],v=[],small=n<=2000;
      G.inputs.forEach((p,k)=>v.push('<g class="input" transform="translate('+IX(k)+',0)"><rect width="'+NW+'" height="'+NH+'" rx="4" fill="#fff" stroke="#334155"/><text x="4" y="14">'+esc(p[0])+' '+esc(p[1])+'</text></g>'));
      for(let i=0;i<n;i++){
        const x=X(i)+NW/2,y=Y(i);
        for(const p of N[i][5]){const px=(p>=0?X(p):IX(-1-p))+NW/2,py=(p>=0?Y(p):0)+NH;
          e.push('<path class="edge" d="M'+px+' '+py+'C'+px+' '+(py+12)+' '+x+' '+(y-12)+' '+x+' '+y+'"/>');
          if(small)e.push('<text x="'+((px+x)/2+3)+'" y="'+((py+y)/2+3)+'">'+esc(p>=0?N[p][3]:G.inputs[-1-p][1])+'</text>')}
        v.push('<g class="node" data-i="'+i+'" transform="translate('+X(i)+','+y+')"><rect width="'+NW+'" height="'+NH+'" rx="4" fill="'+colour(N[i][4])+'"/><text x="4" y="14">'+esc(N[i][0].length>20?'…'+N[i][0].slice(-19):N[i][0])+'</text></g>');
      }
      const totalW=Math.max(cols*DX,DX),totalH=(Math.max(1,...lv)+1)*DY;
      box.insertAdjacentHTML('afterbegin','<svg xmlns="http://www.w3.org/2000/svg"><g class="edges">'+e.join('')+'</g><g class="nodes">'+v.join('')+'</g></svg>');
      const svg=box.querySelector('svg'),det=document.getElementById('details');
      const vb={x:-20,y:-10,w:Math.max(totalW+40,600),h:0};
      const fit=()=>{const r=svg.getBoundingClientRect();vb.h=vb.w*(r.height||500)/(r.width||1000);svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h)};fit();
      svg.addEventListener('wheel',ev=>{ev.preventDefault();const r=svg.getBoundingClientRect(),f=ev.deltaY>0?1.2:1/1.2,mx=vb.x+vb.w*(ev.clientX-r.left)/r.width,my=vb.y+vb.h*(ev.clientY-r.top)/r.height;vb.w*=f;vb.h*=f;vb.x=mx-(mx-vb.x)*f;vb.y=my-(my-vb.y)*f;svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h)},{passive:false});
      let drag=null;svg.addEventListener('mousedown',ev=>{drag={x:ev.clientX,y:ev.clientY,vx:vb.x,vy:vb.y}});
      window.addEventListener('mouseup',()=>drag=null);
      svg.addEventListener('mousemove',ev=>{if(!drag)return;const r=svg.getBoundingClientRect();vb.x=drag.vx-(ev.clientX-drag.x)*vb.w/r.width;vb.y=drag.vy-(ev.clientY-drag.y)*vb.h/r.height;svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h)});
      svg.addEventListener('click',ev=>{const g=ev.target.closest('g.node');box.querySelectorAll('g.sel').forEach(s=>s.classList.remove('sel'));if(!g){det.style.display='none';return}g.classList.add('sel');const a=N[+g.dataset.i];
        det.textContent=a[0]+'\n'+a[1]+' ('+a[2]+')\noutput '+a[3]+'\nMACs '+grouped(a[4])+'\ninputs: '+a[5].map(p=>p>=0?N[p][0]:G.inputs[-1-p][0]).join(', ');det.style.display='block'});
      svg.addEventListener('mouseover',ev=>{const g=ev.target.closest('g.node');if(g&&!g.querySelector('title')){const a=N[+g.dataset.i];g.insertAdjacentHTML('beforeend','<title>'+esc(a[0]+' · '+a[1]+' · '+a[3]+' · MACs '+grouped(a[4]))+'</title>')}});
    }
    document.body.dataset.ready='1';
    })();
    """#
}
