"""The resource library's demo: the data files in this folder, read by ``content`` and loaded by
``loader`` (see ``cop_site.demo`` for the hook that runs it with the rest of the demo).
"""
