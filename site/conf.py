"""Sphinx configuration of the course website, shared by every edition.

``tools/website.py`` writes each edition's sources (executed notebooks, index, glossary) to
``build/site/src/<edition>`` and runs Sphinx on them with this folder as the configuration
(``-c site``), passing the edition's language and title with ``-D``. Nothing here downloads
anything, at build time or when a reader opens a page.
"""

project = "Key Account Management (大客户管理)"
author = "KAM course"
copyright = "the KAM course authors"
language = "en"  # tools/website.py passes each edition's own (-D language=zh_CN)

extensions = ["myst_nb"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# tools/website.py executes the notebooks (with a cache) before Sphinx runs: Sphinx only renders.
nb_execution_mode = "off"
# Widgets are replaced by their first picture and a note; no widget JavaScript from a CDN.
nb_ipywidgets_js = {}
nb_merge_streams = True

exclude_patterns = ["_build", "**.ipynb_checkpoints"]
templates_path: list[str] = []
html_static_path = ["_static"]
html_css_files = ["kam.css"]
html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = True  # the "download" button offers the notebook itself
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}
html_last_updated_fmt = None
smartquotes = False  # the texts read as written, as in JupyterLab
suppress_warnings = ["myst.header"]  # notebooks may start sections below their title level
