"""Reading what customers write: free-text notes turned into proposed order lines (odind.notes.extract)."""
