// The floor of the edge benchmark: a Worker that answers at once, so the table shows what wrangler dev itself costs.
// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export
export default {
  fetch() {
    return Response.json({ results: [] });
  },
};
