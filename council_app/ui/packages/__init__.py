"""Case packages (.councilcase): exporting one member's assessment and merging it back."""
