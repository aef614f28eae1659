"""What several screens need written once: date fields and conversions, and the like."""
