"""The repairs to the theme's markup change only what the Nu Html Checker rejects."""

from __future__ import annotations

from macros.site.theme_fixes import fix_theme_markup

TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    '<input class="md-search__input" type="text" autocomplete="off">'
)
TOC_TITLE = '<label class="md-nav__title" for="__toc">\n<span class="md-nav__icon md-icon"></span>\nContents\n</label>'


def test_autocomplete_removed_from_checkboxes_only():
    fixed = fix_theme_markup(TOGGLES)
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in fixed
    assert '<input class="md-search__input" type="text" autocomplete="off">' in fixed


def test_empty_tabindex_removed():
    html = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">x</label><p tabindex="">'
    assert (
        fix_theme_markup(html)
        == '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">x</label><p tabindex="">'
    )


def test_toc_title_is_a_label_only_when_its_toggle_exists():
    assert fix_theme_markup(TOC_TITLE).startswith('<div class="md-nav__title">')
    assert fix_theme_markup(TOC_TITLE).endswith("Contents\n</div>")
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + TOC_TITLE
    assert fix_theme_markup(with_toggle) == with_toggle


def test_repairs_are_idempotent_and_leave_content_alone():
    content = '<p>Use autocomplete="off" in <code>tabindex=""</code> examples.</p>'
    once = fix_theme_markup(TOGGLES + TOC_TITLE + content)
    assert fix_theme_markup(once) == once
    assert once.endswith(content)


def test_theme_skip_link_dropped_for_the_templates_own():
    html = (
        '<div data-md-component="skip">\n<a href="#key-messages" class="md-skip">\nSkip to content\n</a>\n</div>'
        '<a href="#lib-content" class="md-skip">Skip to content</a>'
    )
    assert (
        fix_theme_markup(html)
        == '<div data-md-component="skip">\n</div><a href="#lib-content" class="md-skip">Skip to content</a>'
    )
