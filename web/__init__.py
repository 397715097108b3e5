"""The HTTP face of odind: JSON API, auth and the status page."""
