"""carekg's web server: SPARQL endpoint, linked-data pages, dumps and the query UI."""

from server.app import create_app

__all__ = ["create_app"]
