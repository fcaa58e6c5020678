/**
 * The only script the 曝光台 / 点赞榜 pages carry, inline on an entry's page: the 点赞 form posts without
 * it; with it, the tap is answered in place (the like route answers JSON when asked). Plain ES5, so the
 * oldest WeChat browser runs it.
 */
export const LIKE_SCRIPT = `(function(){var f=document.getElementById('like');if(!f||!window.fetch||!window.FormData)return;var b=f.querySelector('button'),c=f.querySelector('[data-count]'),m=f.querySelector('[role=status]');f.addEventListener('submit',function(e){e.preventDefault();b.disabled=true;fetch(f.action,{method:'POST',headers:{Accept:'application/json'},body:new FormData(f),credentials:'same-origin'}).then(function(r){return r.json()}).then(function(a){if(a.count!=null)c.textContent=a.count;m.textContent=a.message;m.className=a.outcome=='done'||a.outcome=='again'?'text-slate-700':'text-red-700'},function(){m.textContent='网络不好，没有点上，请稍后再试。';m.className='text-red-700'}).then(function(){b.disabled=false})})})();`;

