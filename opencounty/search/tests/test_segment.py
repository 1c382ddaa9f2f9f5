from opencounty.search.segment import index_terms, query_terms


def test_a_two_character_word_inside_a_longer_word_is_indexed():
    terms = index_terms("示范县人民政府办公室关于城乡低保资金的通知")
    assert "政府" in terms
    assert "低保" in terms
    assert "人民政府" in terms


def test_a_query_keeps_the_precise_cut_without_punctuation_or_repeats():
    assert query_terms("最低生活保障，最低生活保障！") == ["最低", "生活", "保障"]
    assert query_terms("  ") == []


def test_index_terms_keep_every_repetition_in_order_in_lower_case_without_punctuation():
    # Words are worked out once and remembered: a repeated word, in either case, must still
    # come out every time it occurs, in the order of the text.
    text = "ABC，低保资金。abc 低保资金！ABC"
    once = index_terms(text)
    assert once == index_terms(text)
    assert [term for term in once if term == "abc"] == ["abc", "abc", "abc"]
    assert once.count("资金") == 2
    assert "，" not in once and "ABC" not in once
    assert once.index("abc") < once.index("资金")
