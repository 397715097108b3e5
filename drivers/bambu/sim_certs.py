"""Certificates for a simulated printer, shaped like a real one's.

Real printers present a certificate issued by Bambu Lab's own CA with the serial number as the
common name and no subject-alternative names, so it never matches the IP address. The simulator
mints the same shape (a throwaway CA plus a leaf with CN = serial) so that every trust mode of the
driver (trust on first use, a pinned fingerprint, a CA file) is exercised as it would be on the LAN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class CertFiles:
    ca: Path  # the issuing CA, for `tls = "ca:<path>"`
    chain: Path  # leaf followed by the CA, what the servers present
    key: Path
    fingerprint: str  # sha256 of the leaf in DER, lower-case hex


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "odind simulator"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_printer_certs(directory: Path, serial: str) -> CertFiles:
    """Write a fresh CA and a leaf for `serial` into `directory` (overwriting older ones)."""
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("odind simulated printer CA"))
        .issuer_name(_name("odind simulated printer CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(serial))
        .issuer_name(ca_cert.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_path, chain_path, key_path = directory / "ca.pem", directory / "chain.pem", directory / "key.pem"
    ca_path.write_bytes(ca_cert.public_bytes(pem))
    chain_path.write_bytes(leaf_cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    key_path.write_bytes(leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    key_path.chmod(0o600)
    fingerprint = leaf_cert.fingerprint(hashes.SHA256()).hex()
    return CertFiles(ca=ca_path, chain=chain_path, key=key_path, fingerprint=fingerprint)
