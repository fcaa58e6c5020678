/** A plain GET form: works without JavaScript and keeps what was typed in the URL. */
export function SearchBox({ defaultValue = '' }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className="flex gap-2">
      <label htmlFor="site-search" className="sr-only">
        搜索路段或商户
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={50}
        placeholder="路名、编号或商户名"
        className="min-h-12 w-full flex-1 rounded-lg border-2 border-slate-400 bg-white px-3 text-lg placeholder:text-slate-600 focus:border-brand"
      />
      <button type="submit" className="min-h-12 min-w-20 rounded-lg bg-brand px-4 text-lg font-semibold text-white hover:bg-brand-dark">
        搜索
      </button>
    </form>
  );
}
