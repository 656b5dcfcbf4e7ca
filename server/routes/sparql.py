"""Blueprint: sparql (being written)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("sparql", __name__)
