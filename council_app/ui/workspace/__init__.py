"""The case workspace: the walk through the framework, live scoring and precedents."""
