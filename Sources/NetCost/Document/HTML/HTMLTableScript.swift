// netcost — Apache-2.0

/// The tables' script: the per-layer table as a module tree built from the
/// dotted names (each module row with its subtotals, collapsible), sortable
/// by any column, filtered by a search box and an op category, a share bar
/// in each cost cell. Only the rows in view are in the DOM (spacer rows
/// stand for the rest), so 10,000 layers scroll as lightly as 100.
enum HTMLTableScript {
  static let js = #"""
    const BARS=['params','buffers','macs','flops','activation_bytes','bytes_read','bytes_written','measured_ms'];
    function setupTable(sec){
      const T=D.tables[+sec.dataset.table],cols=T.columns,rows=T.rows;
      const nameCol=Math.max(0,cols.findIndex(c=>c.key==='name'||c.key==='layer'||c.key==='model'));
      const catCol=cols.findIndex(c=>c.key==='category'),kindCol=cols.findIndex(c=>c.key==='kind');
      const tree=T.key==='layers'||T.key==='modules';
      const bar=cols.map(c=>BARS.includes(c.key)&&numeric(c.kind));
      const total=cols.map((c,j)=>bar[j]?rows.reduce((a,r)=>a+(typeof r[1][j]==='number'?Math.max(0,r[1][j]):0),0):0);
      const nameOf=i=>String(rows[i][1][nameCol]==null?rows[i][0][nameCol]:rows[i][1][nameCol]);
      // The module tree: a module per proper prefix of a name, leaves are rows.
      const root={mod:true,name:'',path:'',kids:[],sums:cols.map(()=>0),first:0,count:0,depth:-1},byPath={},mods=[];
      rows.forEach((r,i)=>{
        const parts=tree?pathParts(nameOf(i)):[nameOf(i)];let node=root,path='';
        for(let k=0;k<parts.length-1;k++){
          path=path?path+'.'+parts[k]:parts[k];let m=byPath[path];
          if(!m){m=byPath[path]={mod:true,name:parts[k],path,kids:[],sums:cols.map(()=>0),first:i,count:0,depth:k};node.kids.push(m);mods.push(m)}
          node=m;
        }
        node.kids.push({mod:false,i});
      });
      (function sum(m){for(const k of m.kids){if(k.mod){sum(k);k.sums.forEach((v,j)=>m.sums[j]+=v);m.count+=k.count}else{m.count++;cols.forEach((c,j)=>{const v=rows[k.i][1][j];if(numeric(c.kind)&&typeof v==='number')m.sums[j]+=v})}}})(root);
      const st={col:-1,asc:false,q:'',cat:'',flat:!tree||!mods.length,closed:new Set()};
      const ctl=sec.querySelector('.controls'),wrap=sec.querySelector('.tablewrap');
      // A search box where there is something to search: a layer table, or more than a screenful.
      let h=tree||rows.length>12?'<input class="search" type="search" placeholder="'+(tree?'Search layers…':'Search rows…')+'" aria-label="Search">':'';
      if(catCol>=0){const cats=[...new Set(rows.map(r=>r[0][catCol]))].sort();h+='<select class="category" aria-label="Op category"><option value="">every op category</option>'+cats.map(c=>'<option>'+esc(c)+'</option>').join('')+'</select>'}
      if(tree&&mods.length)h+='<label><input type="checkbox" class="flat"> flat list</label><button type="button" class="expand">expand all</button><button type="button" class="collapse">collapse all</button>';
      h+='<span class="meta shown"></span>';ctl.innerHTML=h;
      wrap.innerHTML='<table><thead></thead><tbody></tbody></table>';
      const thead=wrap.querySelector('thead'),tbody=wrap.querySelector('tbody');
      const keyOf=n=>{const j=st.col;if(j<0)return n.mod?n.first:n.i;if(n.mod)return numeric(cols[j].kind)?n.sums[j]:n.name;const v=rows[n.i][1][j];return v==null?rows[n.i][0][j]:v};
      const order=(a,b)=>{const x=keyOf(a),y=keyOf(b);const c=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));return st.asc?c:-c};
      function visible(i){const r=rows[i];if(st.cat&&r[0][catCol]!==st.cat)return false;if(!st.q)return true;const q=st.q;return String(r[0][nameCol]).toLowerCase().includes(q)||r[0].some((t,j)=>j!==nameCol&&!numeric(cols[j].kind)&&String(t).toLowerCase().includes(q))}
      // What the table shows, top to bottom: {mod, node|i, depth, open}.
      let list=[],shown=0,RH=25;
      function rebuild(){
        list=[];shown=0;const filtering=st.q||st.cat;
        if(st.flat){
          const idx=[];for(let i=0;i<rows.length;i++)if(visible(i))idx.push({mod:false,i});
          if(st.col>=0)idx.sort(order);for(const k of idx)list.push({mod:false,i:k.i,depth:0});shown=idx.length;
        }else{
          const has=m=>m.kids.some(c=>c.mod?has(c):visible(c.i));
          (function walk(m,depth){
            const kids=st.col>=0?m.kids.slice().sort(order):m.kids;
            for(const k of kids){
              if(k.mod){if(filtering&&!has(k))continue;const open=filtering||!st.closed.has(k.path);list.push({mod:true,node:k,depth,open});if(open)walk(k,depth+1)}
              else if(visible(k.i)){list.push({mod:false,i:k.i,depth});shown++}
            }
          })(root,0);
        }
        thead.innerHTML='<tr>'+cols.map((c,j)=>'<th data-col="'+j+'" class="'+(c.num?'num':'')+(st.col===j?' sorted'+(st.asc?' asc':''):'')+'">'+esc(c.title)+'</th>').join('')+'</tr>';
        ctl.querySelector('.shown').textContent=shown+' of '+rows.length+' rows';
        // A filter that leaves fewer rows than the scroll position: back to the top.
        if(wrap.scrollTop>list.length*RH)wrap.scrollTop=0;
        draw();
      }
      function cell(j,text,v){
        if(!cols[j].num)return '<td>'+esc(text)+'</td>';
        let b='';if(bar[j]&&total[j]>0&&typeof v==='number'&&v>0)b='<span class="b" style="width:'+(100*v/total[j]).toFixed(2)+'%"></span>';
        return '<td class="num"'+(typeof v==='number'?' data-v="'+v+'"':'')+'>'+b+'<span class="t">'+esc(text)+'</span></td>';
      }
      function rowHTML(e){
        const pad=' style="padding-left:'+(8+e.depth*14)+'px"';
        if(e.mod){const k=e.node;return '<tr class="mod" data-path="'+esc(k.path)+'" data-layers="'+k.count+'">'+cols.map((c,j)=>j===nameCol?'<td'+pad+'><span class="tw">'+(e.open?'▾':'▸')+'</span>'+esc(k.name)+' <span class="meta">('+k.count+')</span></td>':numeric(c.kind)&&c.kind!=='share'&&c.kind!=='number'?cell(j,fmt(c.kind,k.sums[j]),k.sums[j]):'<td></td>').join('')+'</tr>'}
        const r=rows[e.i];
        return '<tr class="layer'+(kindCol>=0?' '+esc(r[1][kindCol]||''):'')+'" data-i="'+e.i+'" data-name="'+esc(r[0][nameCol])+'">'+cols.map((c,j)=>j===nameCol?'<td'+pad+'>'+esc(r[0][j])+'</td>':cell(j,r[0][j],r[1][j])).join('')+'</tr>';
      }
      const spacer=px=>'<tr class="pad"><td colspan="'+cols.length+'" style="height:'+px+'px"></td></tr>';
      let drawn=[0,0];
      function draw(){
        const top=wrap.scrollTop,view=wrap.clientHeight||600;
        const first=Math.min(list.length,Math.max(0,Math.floor(top/RH)-30)),last=Math.max(first,Math.min(list.length,Math.ceil((top+view)/RH)+30));
        let s=first>0?spacer(first*RH):'';for(let k=first;k<last;k++)s+=rowHTML(list[k]);
        if(last<list.length)s+=spacer((list.length-last)*RH);
        tbody.innerHTML=s;drawn=[first,last];
        const r=tbody.querySelector('tr:not(.pad)');
        if(r){const hh=r.getBoundingClientRect().height;if(hh>4&&Math.abs(hh-RH)>0.5){RH=hh;draw()}}
      }
      let pending=false;
      wrap.addEventListener('scroll',()=>{if(pending)return;pending=true;requestAnimationFrame(()=>{pending=false;const t=wrap.scrollTop;if(t/RH<drawn[0]+10&&drawn[0]>0||(t+wrap.clientHeight)/RH>drawn[1]-10&&drawn[1]<list.length)draw()})});
      const api={key:T.key,rows,cols,list:()=>list,shown:()=>shown,state:st,
        sort(j,asc){st.col=j;st.asc=!!asc;rebuild()},unsort(){st.col=-1;rebuild()},
        search(q){st.q=String(q).trim().toLowerCase();const sb=ctl.querySelector('.search');if(sb)sb.value=q;rebuild()},
        category(c){st.cat=c;const s=ctl.querySelector('.category');if(s)s.value=c;rebuild()},
        flat(f){st.flat=!!f||!tree||!mods.length;const b=ctl.querySelector('.flat');if(b)b.checked=st.flat;rebuild()},
        toggle(p){st.closed.has(p)?st.closed.delete(p):st.closed.add(p);rebuild()},
        expandAll(){st.closed.clear();rebuild()},collapseAll(){for(const m of mods)if(m.depth===0)st.closed.add(m.path);rebuild()},
        scrollTo(i){const k=list.findIndex(e=>!e.mod&&e.i===i);if(k>=0){wrap.scrollTop=Math.max(0,k*RH-wrap.clientHeight/2);draw();const tr=tbody.querySelector('tr[data-i="'+i+'"]');if(tr){tbody.querySelectorAll('tr.hl').forEach(t=>t.classList.remove('hl'));tr.classList.add('hl')}}},
        draw,nameCol,mods,sec};
      NC.tables.push(api);
      wrap.addEventListener('click',e=>{
        const th=e.target.closest('th');if(th){const j=+th.dataset.col;if(st.col===j){if(st.asc)st.col=-1;else st.asc=true}else{st.col=j;st.asc=false}rebuild();return}
        const tr=e.target.closest('tr.mod');if(tr){api.toggle(tr.dataset.path);return}
        const lr=e.target.closest('tr.layer');if(lr&&NC.graph&&T.key==='layers')NC.graph.focus(+lr.dataset.i);
      });
      const sb=ctl.querySelector('.search');if(sb)sb.addEventListener('input',e=>{st.q=e.target.value.trim().toLowerCase();rebuild()});
      const cs=ctl.querySelector('.category');if(cs)cs.addEventListener('change',e=>{st.cat=e.target.value;rebuild()});
      const fb=ctl.querySelector('.flat');if(fb)fb.addEventListener('change',e=>api.flat(e.target.checked));
      const eb=ctl.querySelector('.expand');if(eb)eb.addEventListener('click',api.expandAll);
      const cb=ctl.querySelector('.collapse');if(cb)cb.addEventListener('click',api.collapseAll);
      rebuild();
    }
    document.querySelectorAll('section.table').forEach(setupTable);

    """#
}
