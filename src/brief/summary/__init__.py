"""Summarizing: article -> brief.

In: a `model.Article`. Out: a `model.Brief` with the thesis, the problem, mechanism and
recommendation lists (each item traced to its paragraphs), keywords and discussion questions.
summarize (candidates, ranking, selection) uses cues (cue words), sentences (clause splitting),
keywords (jieba TF-IDF) and questions (a Jinja2 template).
"""
