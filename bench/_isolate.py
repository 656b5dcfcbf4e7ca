"""Take bench/ off sys.path before anything imports the standard library's `http`.

The HTTP benchmark is bench/http.py, as the issue names it; Python puts a
script's own folder first on sys.path, so for every script run from bench/
that file would shadow the standard library's `http` package (urllib.request,
rdflib and waitress all import it). Import this module first.
"""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
