"""Every size and time bound on user input, in one place (documented in README, "Grenzen aan invoer").

They protect a shared server: no file, cell or number may stall the process or exhaust its memory. The
limits are generous for real regional data (342 gemeenten, a few years, a few categories) and far below
what would hurt. Change them here only; readers import the names.
"""

from __future__ import annotations

# --- Numbers typed by people (weights, shares, cells, parameters) -----------------------------------
MAX_GETAL_TEKENS = 100
"""Longest text read as one number (including sign, separators, exponent)."""
MAX_CIJFERS_VOOR_KOMMA = 15
"""At most 15 digits before the decimal point (below 10^15): far above any count of homes or euros, and
still exactly representable as a float for the figures that are later shown as one."""
MAX_DECIMALEN = 30
"""At most 30 significant digits after the decimal point (after applying the exponent)."""

# --- YAML (afsprakenkader, region files, parameter files) -----------------------------------------
MAX_YAML_BYTES = 1_000_000
"""A YAML file larger than 1 MB is refused before parsing."""
MAX_YAML_DIEPTE = 50
"""Deepest nesting of lists and blocks (an afsprakenkader needs about 6)."""
MAX_YAML_KNOPEN = 100_000
"""Scalars, lists and blocks together in one YAML document."""

# --- Tables (CSV and Excel) -----------------------------------------------------------------------
MAX_TABEL_BYTES = 20_000_000
"""A CSV file larger than 20 MB is refused before reading."""
MAX_RIJEN = 50_000
"""Rows per table: 342 gemeenten × 10 periods × 10 categories is 34,200. Excel rows cost openpyxl ~70 µs each,
so this also bounds the time to read a sheet (about 3–4 s of CPU at the limit)."""
MAX_KOLOMMEN = 500
"""Columns per table."""
MAX_CELLEN = 2_000_000
"""Cells read from one table (rows × columns), checked while reading."""
MAX_CEL_TEKENS = 10_000
"""Characters in one cell."""
MAX_GEMELDE_FOUTEN = 50
"""Problems listed per file; the rest is counted ("… en nog N fouten")."""
MAX_VERZAMELDE_FOUTEN = 1_000
"""After this many problems a reader stops looking: the file is wrong, more detail helps nobody."""

# --- Excel files (xlsx is a zip: checked before openpyxl opens it) ---------------------------------
MAX_XLSX_BYTES = 20_000_000
"""Size of the .xlsx file itself."""
MAX_XLSX_UITGEPAKT = 50_000_000
"""Sum of the uncompressed sizes of all parts of the zip (a zip bomb is small packed, huge unpacked)."""
MAX_XLSX_ONDERDELEN = 1_000
"""Number of parts (files) inside the zip."""
MAX_XLSX_VERHOUDING = 200
"""Largest compression ratio of one part: real spreadsheets compress about 5–20×, bombs 1000×."""

# --- Web forms ------------------------------------------------------------------------------------
MAX_PLEKKEN_FORMULIER = 100_000
"""Largest pledge or capacity (places of one woonvorm) typed in a web form; a region needs a few hundred."""
MAX_TOELICHTING_TEKENS = 1_000
"""Characters in a free-text explanation typed in a web form."""

# --- Afsprakenkader as a zip (the YAML plus the files it names; web upload) ---------------------------
MAX_ZIP_BYTES = 10_000_000
"""Size of the uploaded .zip itself (the web app's upload limit is a little above this)."""
MAX_ZIP_UITGEPAKT = 50_000_000
"""Sum of the uncompressed sizes of all files in the zip, checked before and while extracting."""
MAX_ZIP_BESTANDEN = 50
"""Files in one afsprakenkader zip: the YAML plus herkomst, ingroeipad, corporations and own data."""
MAX_ZIP_VERHOUDING = 200
"""Largest compression ratio of one file (above 1 MB): CSV compresses about 5–20×, zip bombs 1000×."""
MAX_ZIP_DIEPTE = 5
"""Folders deep a file may lie inside the zip."""
