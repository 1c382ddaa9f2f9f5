import pytest
from cryptography.fernet import Fernet

from opencounty.core.crypto import EncryptedTextField, blind_index, decrypt, encrypt
from opencounty.core.masking import mask_id_number, mask_name, mask_phone

ID_NUMBER = "11010119900307123X"  # a made-up number of the right shape


def test_an_encrypted_value_does_not_contain_the_plain_text_and_decrypts():
    stored = encrypt(ID_NUMBER)
    assert ID_NUMBER not in stored and "1990" not in stored
    assert decrypt(stored) == ID_NUMBER
    assert encrypt(ID_NUMBER) != stored, "each encryption is salted"


def test_the_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out():
    field = EncryptedTextField()
    stored = field.get_prep_value("13812345678")
    assert stored.startswith("enc1:") and "1381234" not in stored
    assert field.from_db_value(stored, None, None) == "13812345678"
    assert field.get_prep_value("") == ""


def test_keys_can_be_rotated(settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    stored = encrypt(ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]
    assert decrypt(stored) == ID_NUMBER
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="not configured"):
        decrypt(stored)


def test_a_blind_index_matches_equal_values_only():
    assert blind_index(ID_NUMBER) == blind_index(ID_NUMBER.lower() + " ")
    assert blind_index(ID_NUMBER) != blind_index("110101199003071234")
    assert ID_NUMBER not in blind_index(ID_NUMBER)


def test_personal_information_is_masked_for_display():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number(ID_NUMBER) == "1101**********123X"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧***"
    assert mask_phone("110") == "***"
