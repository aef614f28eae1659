"""What several screens share, written once."""
