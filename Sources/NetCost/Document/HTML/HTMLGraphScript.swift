// netcost — Apache-2.0

/// The graph's script: boxes laid out in layers (longest path from the
/// inputs, ordered by their inputs' positions, so branches, skips and
/// concats show), coloured by MACs on a log scale, output shapes on the
/// edges, details on hover and click, zoom and pan. Large models stay
/// usable: modules collapse into one box (repeated sibling modules, such as
/// a transformer's blocks, into one `×k` box) until a few hundred boxes
/// remain, and only the boxes and edges in view are in the SVG.
enum HTMLGraphScript {
  static let js = #"""
    const G=D.graph,box=document.getElementById('graph');
    if(G&&box){
      const N=G.nodes,n=N.length,LIMIT=400,NW=150,NH=24,DX=172,DY=52;
      // The module tree over the layer names; kids are layer positions or modules.
      const root={path:'',name:'',kids:[],depth:-1,parent:null,first:0,count:n,macs:0},byPath=new Map(),mods=[];
      const parentOf=new Array(n);
      for(let i=0;i<n;i++){
        const parts=pathParts(N[i][0]);let m=root,path='';
        for(let k=0;k<parts.length-1;k++){
          path=path?path+'.'+parts[k]:parts[k];let c=byPath.get(path);
          if(!c){c={path,name:parts[k],kids:[],depth:k,parent:m,first:i,count:0,macs:0,sig:0};byPath.set(path,c);m.kids.push(c);mods.push(c)}
          m=c;
        }
        m.kids.push(i);parentOf[i]=m;
        for(let a=m;a&&a!==root;a=a.parent){a.count++;a.macs+=N[i][4]}
      }
      // Same op sequence, same signature: children are made after their parents, so backwards works.
      const sigs=new Map();
      for(let k=mods.length-1;k>=0;k--){const m=mods[k],s=m.kids.map(c=>typeof c==='number'?N[c][1]:'#'+c.sig).join(',');let id=sigs.get(s);if(id===undefined){id=sigs.size+1;sigs.set(s,id)}m.sig=id}
      const open=new Set(),split=new Set();
      let U=[],E=[],unitOf=new Int32Array(n),X=[],Y=[],levels=1,W=NW,IX=k=>k*DX;
      function mark(m,u){for(const c of m.kids){if(typeof c==='number')unitOf[c]=u;else mark(c,u)}}
      function build(){
        U=[];
        (function walk(m){
          const ks=m.kids;
          for(let a=0;a<ks.length;){
            const k=ks[a];
            if(typeof k==='number'){unitOf[k]=U.length;U.push({t:'layer',i:k,first:k,macs:N[k][4],count:1});a++;continue}
            if(open.has(k)){walk(k);a++;continue}
            let b=a+1;
            if(!split.has(k))while(b<ks.length&&typeof ks[b]!=='number'&&!open.has(ks[b])&&!split.has(ks[b])&&ks[b].sig===k.sig)b++;
            const group=ks.slice(a,b),u={t:group.length>1?'repeat':'module',mods:group,first:k.first,macs:0,count:0};
            for(const g of group){u.macs+=g.macs;u.count+=g.count;mark(g,U.length)}
            U.push(u);a=b;
          }
        })(root);
        // Edges between boxes, once each; the label is the producer's output shape.
        const seen=new Map();E=[];
        for(let i=0;i<n;i++){const b=unitOf[i];for(const p of N[i][5]){const a=p>=0?unitOf[p]:p;if(a===b)continue;const key=a*4194304+b;if(seen.has(key))continue;seen.set(key,1);E.push({a,b,p})}}
        layout();
      }
      function layout(){
        const m=U.length,lv=new Int32Array(m),preds=U.map(()=>[]);
        const ins=U.map(()=>[]);for(const e of E){if(e.a<0)ins[e.b].push(-1-e.a);else if(U[e.a].first<U[e.b].first)preds[e.b].push(e.a)}
        const order=U.map((_,k)=>k).sort((x,y)=>U[x].first-U[y].first);
        levels=1;for(const u of order){let l=1;for(const a of preds[u])if(lv[a]+1>l)l=lv[a]+1;lv[u]=l;if(l+1>levels)levels=l+1}
        const byLevel=[];for(const u of order)(byLevel[lv[u]]=byLevel[lv[u]]||[]).push(u);
        // Each box goes where its inputs are (their mean x), pushed right of its neighbour when
        // they would overlap, then the row shifts back so branches stay in their columns.
        X=new Float64Array(m);Y=new Float64Array(m);
        const ix=k=>(k-(G.inputs.length-1)/2)*DX;
        for(let l=1;l<byLevel.length;l++){const r=byLevel[l];if(!r)continue;
          const want=new Map();for(const u of r){let s=0,c=0;for(const a of preds[u]){s+=X[a];c++}for(const k of ins[u]){s+=ix(k);c++}want.set(u,c?s/c:0)}
          if(r.length>1)r.sort((x,y)=>want.get(x)-want.get(y));
          const xs=r.map(u=>want.get(u));for(let k=1;k<xs.length;k++)if(xs[k]<xs[k-1]+DX)xs[k]=xs[k-1]+DX;
          let shift=0;for(let k=0;k<xs.length;k++)shift+=want.get(r[k])-xs[k];shift/=xs.length;
          r.forEach((u,k)=>{X[u]=xs[k]+shift;Y[u]=l*DY});
        }
        let lo=ix(0),hi=ix(Math.max(0,G.inputs.length-1));for(let u=0;u<m;u++){if(X[u]<lo)lo=X[u];if(X[u]>hi)hi=X[u]}
        for(let u=0;u<m;u++)X[u]-=lo;
        W=Math.max(hi-lo+NW,DX);IX=k=>ix(k)-lo;
      }
      const maxLayer=Math.max(1,maxOf(N.map(a=>a[4])));
      const colour=v=>{if(v<=0)return '#eef1f4';const t=Math.min(1,Math.log10(1+v)/Math.log10(1+maxLayer));return 'hsl('+(220-200*t).toFixed(0)+',75%,'+(88-40*t).toFixed(0)+'%)'};
      const label=u=>{const x=U[u];if(x.t==='layer')return N[x.i][0];if(x.t==='module')return x.mods[0].path+' ('+x.count+')';return x.mods[0].path+' … '+x.mods[x.mods.length-1].name+' ×'+x.mods.length};
      const short=s=>s.length>22?'…'+s.slice(-21):s;
      box.insertAdjacentHTML('afterbegin','<svg><g class="edges"></g><g class="nodes"></g></svg>');
      const svg=box.querySelector('svg'),gE=svg.querySelector('.edges'),gN=svg.querySelector('.nodes'),det=document.getElementById('details'),hov=document.getElementById('hover'),cnt=document.querySelector('.gbar .gcount');
      const vb={x:-20,y:-10,w:600,h:400};let sel=-1,drawnNodes=0;
      const setVB=()=>svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h);
      function fit(){const r=svg.getBoundingClientRect(),pw=r.width||1000,asp=(r.height||500)/pw,tall=(levels+0.5)*DY;vb.w=Math.max(W+40,Math.min(pw,tall/asp));vb.h=vb.w*asp;vb.x=W/2-vb.w/2;vb.y=-10;setVB();draw()}
      function centre(u){const r=svg.getBoundingClientRect(),asp=(r.height||500)/(r.width||1000);if(vb.w>2400){vb.w=1200;}vb.h=vb.w*asp;vb.x=X[u]+NW/2-vb.w/2;vb.y=Y[u]+NH/2-vb.h/2;setVB();draw()}
      function draw(){
        const mg=60,x0=vb.x-mg,x1=vb.x+vb.w+mg,y0=vb.y-mg,y1=vb.y+vb.h+mg,text=vb.w<3000,shapes=vb.w<1600;
        const inView=[];for(let u=0;u<U.length;u++)if(X[u]+NW>=x0&&X[u]<=x1&&Y[u]+NH>=y0&&Y[u]<=y1)inView.push(u);
        const step=Math.max(1,Math.ceil(inView.length/2500)),v=[],e=[];
        G.inputs.forEach((p,k)=>{const x=IX(k);if(x+NW>=x0&&x<=x1&&NH>=y0&&0<=y1)v.push('<g class="input" transform="translate('+x+',0)"><rect width="'+NW+'" height="'+NH+'" rx="4" fill="#fff" stroke="#334155"/><text x="4" y="15">'+esc(short(p[0]+' '+p[1]))+'</text></g>')});
        for(let k=0;k<inView.length;k+=step){const u=inView[k],x=U[u];
          v.push('<g class="node '+x.t+(u===sel?' sel':'')+'" data-u="'+u+'" transform="translate('+X[u]+','+Y[u]+')"><rect width="'+NW+'" height="'+NH+'" rx="'+(x.t==='layer'?4:10)+'" fill="'+colour(x.macs)+'"/>'+(text?'<text x="5" y="15">'+esc(short(label(u)))+'</text>':'')+'</g>')}
        drawnNodes=Math.ceil(inView.length/step);
        if(step===1)for(const ed of E){const px=(ed.a>=0?X[ed.a]:IX(-1-ed.a))+NW/2,py=(ed.a>=0?Y[ed.a]:0)+NH,qx=X[ed.b]+NW/2,qy=Y[ed.b];
          if(Math.max(px,qx)<x0||Math.min(px,qx)>x1||qy<y0||py>y1)continue;
          e.push('<path class="edge" d="M'+px+' '+py+'C'+px+' '+(py+16)+' '+qx+' '+(qy-16)+' '+qx+' '+qy+'"/>');
          if(shapes){const t=ed.a>=0?N[ed.p][3]:G.inputs[-1-ed.a][1],mx=(px+qx)/2+4,my=(py+qy)/2+3;if(my>=y0&&my<=y1)e.push('<text class="shape" x="'+mx+'" y="'+my+'">'+esc(t)+'</text>')}}
        gE.innerHTML=e.join('');gN.innerHTML=v.join('');
        if(cnt)cnt.textContent=U.length+' boxes for '+n+' layers; '+drawnNodes+' drawn';
      }
      let pending=false;const later=()=>{if(pending)return;pending=true;requestAnimationFrame(()=>{pending=false;draw()})};
      function describe(u){const x=U[u];
        if(x.t==='layer'){const a=N[x.i];return {text:a[0]+'\n'+a[1]+' ('+a[2]+')\noutput '+a[3]+'\nMACs '+grouped(a[4])+'\ninputs: '+a[5].map(p=>p>=0?N[p][0]:G.inputs[-1-p][0]).join(', '),act:parentOf[x.i]!==root?'collapse':''}}
        if(x.t==='module')return {text:x.mods[0].path+'\nmodule of '+x.count+' layers\nMACs '+grouped(x.macs),act:'expand'};
        return {text:x.mods[0].path+' … '+x.mods[x.mods.length-1].path+'\n'+x.mods.length+' repeated modules, the same ops each ('+x.count+' layers)\nMACs '+grouped(x.macs),act:'split'};
      }
      function select(u){sel=u;if(u<0){det.style.display='none';draw();return}const d=describe(u);
        det.innerHTML='<div class="dt">'+esc(d.text)+'</div>'+(d.act?'<div><button type="button" data-act="'+d.act+'">'+d.act+'</button></div>':'');det.style.display='block';draw()}
      function act(what,u){const x=U[u],keep=x.first;
        if(what==='expand')for(const m of x.mods)open.add(m);
        else if(what==='split')for(const m of x.mods)split.add(m);
        else if(what==='collapse'){let m=x.t==='layer'?parentOf[x.i]:x.mods[0].parent;if(m&&m!==root){for(const o of [...open])if(o===m||o.path.startsWith(m.path+'.'))open.delete(o);open.delete(m)}}
        build();const v=unitOf[keep];select(v);centre(v)}
      // Boxes of a module's kids when they are all collapsed: layers, and runs of same-signature modules.
      function runs(m){const r=[];const ks=m.kids;for(let a=0;a<ks.length;){const k=ks[a];if(typeof k==='number'){r.push(null);a++;continue}let b=a+1;while(b<ks.length&&typeof ks[b]!=='number'&&ks[b].sig===k.sig)b++;r.push(b-a===1?k:null);a=b}return r}
      function auto(){
        open.clear();split.clear();
        if(n<=LIMIT){for(const m of mods)open.add(m);build();return}
        // Open modules breadth first while the boxes stay under LIMIT; repeated siblings stay one box.
        let top=runs(root),total=top.length,q=top.filter(Boolean);
        while(q.length){const next=[];for(const m of q){const r=runs(m);if(total+r.length-1>LIMIT)continue;open.add(m);total+=r.length-1;for(const c of r)if(c)next.push(c)}q=next}
        build();
      }
      function focus(i){for(let m=parentOf[i];m&&m!==root;m=m.parent){open.add(m)}
        const u0=unitOf[i];if(U[u0]&&U[u0].t==='repeat')for(const m of U[u0].mods)split.add(m);
        build();select(unitOf[i]);centre(unitOf[i]);box.scrollIntoView({block:'nearest'})}
      NC.graph={layers:n,units:()=>U.length,kinds:()=>U.map(u=>u.t),drawn:()=>gN.querySelectorAll('g.node').length,
        expandAll(){for(const m of mods)open.add(m);build();fit()},auto(){auto();fit()},focus,select,draw,
        view:()=>Object.assign({},vb),zoom(f){vb.x+=vb.w*(1-f)/2;vb.y+=vb.h*(1-f)/2;vb.w*=f;vb.h*=f;setVB();draw()},
        pan(dx,dy){vb.x+=dx;vb.y+=dy;setVB();draw()},details:()=>det.style.display==='none'?'':det.querySelector('.dt').textContent};
      auto();fit();
      svg.addEventListener('wheel',ev=>{ev.preventDefault();const r=svg.getBoundingClientRect(),f=ev.deltaY>0?1.2:1/1.2,mx=vb.x+vb.w*(ev.clientX-r.left)/r.width,my=vb.y+vb.h*(ev.clientY-r.top)/r.height;vb.w*=f;vb.h*=f;vb.x=mx-(mx-vb.x)*f;vb.y=my-(my-vb.y)*f;setVB();later()},{passive:false});
      let drag=null,moved=false;svg.addEventListener('mousedown',ev=>{drag={x:ev.clientX,y:ev.clientY,vx:vb.x,vy:vb.y};moved=false});
      window.addEventListener('mouseup',()=>drag=null);
      svg.addEventListener('mousemove',ev=>{if(!drag)return;const r=svg.getBoundingClientRect();if(Math.abs(ev.clientX-drag.x)+Math.abs(ev.clientY-drag.y)>3)moved=true;vb.x=drag.vx-(ev.clientX-drag.x)*vb.w/r.width;vb.y=drag.vy-(ev.clientY-drag.y)*vb.h/r.height;setVB();later()});
      svg.addEventListener('click',ev=>{if(moved)return;const g=ev.target.closest('g.node');select(g?+g.dataset.u:-1);
        if(g&&U[+g.dataset.u].t==='layer'){const t=NC.tables.find(t=>t.key==='layers');if(t)t.scrollTo(U[+g.dataset.u].i)}});
      svg.addEventListener('dblclick',ev=>{const g=ev.target.closest('g.node');if(!g)return;const u=+g.dataset.u,d=describe(u);if(d.act)act(d.act,u)});
      svg.addEventListener('mouseover',ev=>{const g=ev.target.closest('g.node');if(!g){hov.style.display='none';return}const u=+g.dataset.u;hov.textContent=describe(u).text.replace(/\n/g,' · ');hov.style.display='block';
        if(!g.querySelector('title'))g.insertAdjacentHTML('beforeend','<title>'+esc(describe(u).text)+'</title>')});
      svg.addEventListener('mouseleave',()=>{hov.style.display='none'});
      det.addEventListener('click',ev=>{const b=ev.target.closest('button');if(b&&sel>=0)act(b.dataset.act,sel)});
      const bar=document.querySelector('.gbar');
      if(bar){bar.addEventListener('click',ev=>{const b=ev.target.closest('button');if(!b)return;const a=b.dataset.act;if(a==='expand')NC.graph.expandAll();else if(a==='auto')NC.graph.auto();else if(a==='fit')fit()});
        const fi=bar.querySelector('.gfind');if(fi)fi.addEventListener('keydown',ev=>{if(ev.key!=='Enter')return;const q=fi.value.trim().toLowerCase();if(!q)return;const i=N.findIndex(a=>a[0].toLowerCase().includes(q));if(i>=0)focus(i)})}
      new ResizeObserver(()=>{const r=svg.getBoundingClientRect();if(r.width)vb.h=vb.w*r.height/r.width;setVB();later()}).observe(svg);
    }

    """#
}
