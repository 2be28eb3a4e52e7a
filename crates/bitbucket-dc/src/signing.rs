//! Commit signing: X.509 certificates, the system signing key switch, and rotation of the
//! key that encrypts stored secrets.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let pem = std::fs::read("ca.pem").unwrap_or_default();
//! let cert = dc.signing().add_certificate(pem).send().await?;
//! dc.signing().refresh_revocations(cert.id).send().await?;
//! dc.signing().set_system_signing(true).send().await?;
//! # Ok(()) }
//! ```

use bitbucket_core::multipart::UploadFile;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::ledger::endpoints;
use crate::request::{Parts, Payload, request_builder};

endpoints! {
    area: Security;
    CERTS = Get "/api/latest/signing/x509-certificates";
    CERT_ADD = Post "/api/latest/signing/x509-certificates";
    CERT_DELETE = Delete "/api/latest/signing/x509-certificates/{id}";
    CERT_CRL = Put "/api/latest/signing/x509-certificates/crl/{id}";
    SYSTEM_GET = Get "/api/latest/system-signing/configuration";
    SYSTEM_SET = Post "/api/latest/system-signing/configuration";
    KEYS_INACTIVE = Get "/secrets/1.0/keys/inactive";
    KEYS_DELETE_INACTIVE = Delete "/secrets/1.0/keys/inactive";
    KEYS_ROTATE = Post "/secrets/1.0/keys/rotate";
}

/// An X.509 certificate trusted for commit signatures.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Certificate {
    /// Id.
    pub id: i64,
    /// SHA fingerprint.
    pub fingerprint: Option<String>,
}

/// The certificates (accepts one object, an array or a page).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Certificates(
    /// The certificates.
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<Certificate>,
);

/// Whether Bitbucket signs the commits it creates (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SystemSigning {
    /// On or off.
    pub enabled: bool,
}

/// Commit signing and secrets-key administration.
#[derive(Debug, Clone)]
pub struct Signing {
    client: bitbucket_core::Client,
}

impl Client {
    /// Commit signing certificates, system signing and secrets keys.
    pub fn signing(&self) -> Signing {
        Signing {
            client: self.core().clone(),
        }
    }
}

impl Signing {
    /// Trusted certificates.
    pub fn certificates(&self) -> ListCertificates {
        ListCertificates::new(Parts::new(&self.client, CERTS))
    }

    /// Uploads a certificate (PEM or DER bytes).
    pub fn add_certificate(&self, certificate: impl Into<Bytes>) -> AddCertificate {
        let mut parts = Parts::new(&self.client, CERT_ADD);
        let file =
            UploadFile::new("certificate.pem", certificate).content_type("application/x-pem-file");
        parts.payload(Payload::file("certificate", file));
        AddCertificate::new(parts)
    }

    /// Removes a certificate.
    pub fn delete_certificate(&self, id: i64) -> SigningEmpty {
        SigningEmpty::new(Parts::new(&self.client, CERT_DELETE).param("id", id.to_string()))
    }

    /// Schedules a refresh of an issuer certificate's revocation lists.
    pub fn refresh_revocations(&self, id: i64) -> SigningJson {
        let mut parts = Parts::new(&self.client, CERT_CRL).param("id", id.to_string());
        parts.payload(Payload::Empty);
        SigningJson::new(parts)
    }

    /// Whether system signing is on.
    pub fn system_signing(&self) -> GetSystemSigning {
        GetSystemSigning::new(Parts::new(&self.client, SYSTEM_GET))
    }

    /// Turns system signing on or off.
    pub fn set_system_signing(&self, enabled: bool) -> SetSystemSigning {
        SetSystemSigning::new(
            Parts::new(&self.client, SYSTEM_SET),
            SystemSigning { enabled },
        )
    }

    /// Inactive secrets-encryption keys (JSON).
    pub fn inactive_keys(&self) -> SigningJson {
        SigningJson::new(Parts::new(&self.client, KEYS_INACTIVE))
    }

    /// Deletes inactive secrets-encryption keys.
    pub fn delete_inactive_keys(&self) -> SigningJson {
        SigningJson::new(Parts::new(&self.client, KEYS_DELETE_INACTIVE))
    }

    /// Rotates the secrets-encryption key.
    pub fn rotate_key(&self) -> SigningJson {
        let mut parts = Parts::new(&self.client, KEYS_ROTATE);
        parts.payload(Payload::Empty);
        SigningJson::new(parts)
    }
}

request_builder! {
    /// Lists certificates.
    ListCertificates => json Certificates;

    /// Uploads a certificate.
    AddCertificate => json Certificate;

    /// A signing call without an answer body.
    SigningEmpty => empty;

    /// A signing call answered with free-form JSON (or nothing).
    SigningJson => json Option<serde_json::Value>;

    /// Gets the system signing switch.
    GetSystemSigning => json SystemSigning;

    /// Sets the system signing switch.
    SetSystemSigning { body: SystemSigning } => json SystemSigning;
}
