"""The printer families reached over HTTP (Moonraker, OctoPrint, PrusaLink) and the polling, upload and
job-tracking code they share."""
