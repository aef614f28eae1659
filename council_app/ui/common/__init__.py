"""What several screens share, written once: date fields and conversions, the outcome palette."""
