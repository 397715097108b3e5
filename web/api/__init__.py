"""JSON API route modules, one per aggregate."""
