"""What each lecture says about the case data, as sentences in the learner's language.

A lecture notebook shows a fact about Huaxin's books (or the learner's studied account) with
one call, e.g. ``lecture1.top_accounts_share()``: the function computes the fact with the
concept modules and returns it as Markdown written through ``_()``, so the English and the
Chinese editions run the same code cell. One module per lecture: ``lecture1``, ``lecture2``,
``lecture3``. Tests recompute every fact independently.
"""
