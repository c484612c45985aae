"""News analytics pipeline: raw article files to quotes, figures and entities in DuckDB."""

import os

# One OpenBLAS thread per process, set before anything loads numpy (step processes inherit it): its worker
# threads spin against spaCy's own work on a few cores, and with one thread 250 BBC articles parsed 12%
# faster alone and 14% faster in each of two processes at once. Set the variable yourself to override it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
