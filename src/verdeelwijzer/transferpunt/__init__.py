"""Transferpunt: matching pseudonymised urgent households to homes within the agreed fair shares.

- `model` — plain records (Kandidaat, Aanbod, Ronde-invoer and -uitkomst).
- `privacy` — refusing names, BSN-like numbers and contact data in free text.
- `lezen` — the registers (CSV/Excel), all-or-nothing with one Dutch message per problem.
- `prioriteit` — the region's declarative priority rules → an explained total order.
- `koppelen` — the exact matching round (MILP with HiGHS through scipy) and the explanation of every
  match and non-match.
- `kader` — the adapter from an afsprakenkader (its `transferpunt:` section and its targets) to a round.
- `kpi` — waiting time, share offered within the agreed term, placements against quota and in the
  gemeente of origin.

This package's `__init__` stays import-free: `afspraken.schema` imports `transferpunt.schema`.
"""
