"""What several screens share, written once: date fields and conversions, numbers, scaled
fonts, the accept/Cancel row, the outcome palette, and the table model of immutable rows."""
