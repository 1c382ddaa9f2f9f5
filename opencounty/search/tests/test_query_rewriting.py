"""The synonym layer turns what a person types into the variants every search runs."""

import pytest

from opencounty.search.synonyms import Entry, Table, rewrite

TABLE = Table.of(
    [
        Entry("医保", ("医疗保障", "医疗保险"), True),
        Entry("居民医保", ("城乡居民医疗保险",), True),
        Entry("低保", ("最低生活保障",), True),
        Entry("公积金", ("住房公积金",), True),
        Entry("营业执照", ("企业设立登记", "个体工商户注册登记"), False),
    ]
)


def test_an_abbreviation_is_also_searched_as_each_of_its_full_terms():
    result = rewrite("医保", TABLE)
    assert result.variants == ["医保", "医疗保障", "医疗保险"]
    assert result.exact_terms == ["医保"]
    assert result.synonym_terms() == [["医疗保障"], ["医疗保险"]]
    assert result.searched_as() == ["医疗保障", "医疗保险"]


def test_the_rest_of_the_query_stays_with_every_variant():
    result = rewrite("医保报销", TABLE)
    assert result.exact_terms == ["医保", "报销"]
    assert result.synonym_terms() == [["医疗保障", "报销"], ["医疗保险", "报销"]]


def test_a_full_term_also_finds_the_abbreviation_when_the_entry_goes_both_ways():
    assert rewrite("最低生活保障", TABLE).variants == ["最低生活保障", "低保"]
    assert "医保" in rewrite("医疗保险", TABLE).variants


def test_a_full_term_that_contains_the_abbreviation_adds_nothing():
    assert rewrite("住房公积金", TABLE).variants == ["住房公积金"]


def test_a_one_way_entry_does_not_widen_the_full_terms():
    assert rewrite("企业设立登记", TABLE).variants == ["企业设立登记"]
    assert rewrite("营业执照", TABLE).variants == ["营业执照", "企业设立登记", "个体工商户注册登记"]


def test_the_longest_entry_found_in_the_query_wins():
    assert rewrite("居民医保", TABLE).variants == ["居民医保", "城乡居民医疗保险"]


def test_words_without_meaning_in_a_search_are_left_out():
    assert rewrite("医保怎么报销", TABLE).exact_terms == ["医保", "报销"]
    assert rewrite("怎么办医保", TABLE).exact_terms == ["医保"]
    # ... but not when nothing else is left.
    assert rewrite("怎么", TABLE).exact_terms == ["怎么"]


def test_full_width_letters_control_characters_and_case_are_normalised():
    result = rewrite("\u200b医保\x00ＡＢＣ\r\n", TABLE)
    assert result.query == "医保 abc"
    assert result.exact_terms == ["医保", "abc"]


def test_a_query_full_of_abbreviations_makes_a_bounded_number_of_variants():
    result = rewrite("医保低保公积金医保低保公积金医保", TABLE)
    assert len(result.variants) <= 8
    assert len(result.matches) == 3
    assert result.variants[0] == "医保低保公积金医保低保公积金医保"


@pytest.mark.parametrize("query", ["", "   ", "，。！"])
def test_an_empty_query_has_no_terms(query):
    assert rewrite(query, TABLE).exact_terms == []
