//! String enums that survive values added by later Bitbucket versions.
//!
//! Every enum here has an `Unknown(String)` variant: decoding never fails on a new value, and the
//! value is kept so it can be written back unchanged.

/// Declares a string enum with an `Unknown(String)` fallback, serde, `Display` and `From<&str>`.
///
/// Its `Default` is an empty `Unknown` (what an explicit `null` decodes to), unless the enum
/// derives `Default` itself (right after its doc comment) and marks a `#[default]` variant.
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        #[derive(Default)]
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $crate::enums::string_enum!(@enum
            [$(#[doc = $doc])* #[derive(Default)]]
            $name { $( $(#[$vmeta])* $variant = $value, )+ }
        );
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $crate::enums::string_enum!(@enum
            [$(#[$meta])*]
            $name { $( $(#[$vmeta])* $variant = $value, )+ }
        );

        /// An empty unknown value: what an explicit `null` decodes to.
        impl Default for $name {
            fn default() -> Self {
                $name::Unknown(String::new())
            }
        }
    };
    (@enum
        [$(#[$meta:meta])*]
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know; kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Unknown(_) => $name::Unknown(s),
                    known => known,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Ok($name::from(s))
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// Any permission Data Center reports (global, project or repository level).
    pub enum Permission {
        /// May log in and use the instance.
        LicensedUser = "LICENSED_USER",
        /// May create projects.
        ProjectCreate = "PROJECT_CREATE",
        /// Administrator.
        Admin = "ADMIN",
        /// System administrator.
        SysAdmin = "SYS_ADMIN",
        /// May administer users.
        UserAdmin = "USER_ADMIN",
        /// May see a project.
        ProjectView = "PROJECT_VIEW",
        /// May read a project's repositories.
        ProjectRead = "PROJECT_READ",
        /// May push to a project's repositories.
        ProjectWrite = "PROJECT_WRITE",
        /// Project administrator.
        ProjectAdmin = "PROJECT_ADMIN",
        /// May create repositories in a project.
        RepoCreate = "REPO_CREATE",
        /// May read a repository.
        RepoRead = "REPO_READ",
        /// May push to a repository.
        RepoWrite = "REPO_WRITE",
        /// Repository administrator.
        RepoAdmin = "REPO_ADMIN",
    }
}

string_enum! {
    /// Global permissions granted through `admin/permissions`.
    pub enum GlobalPermission {
        /// May log in and use the instance.
        LicensedUser = "LICENSED_USER",
        /// May create projects.
        ProjectCreate = "PROJECT_CREATE",
        /// Administrator.
        Admin = "ADMIN",
        /// System administrator.
        SysAdmin = "SYS_ADMIN",
    }
}

string_enum! {
    /// Project-level permissions.
    pub enum ProjectPermission {
        /// Read access to the project's repositories.
        Read = "PROJECT_READ",
        /// Write access to the project's repositories.
        Write = "PROJECT_WRITE",
        /// Administration of the project.
        Admin = "PROJECT_ADMIN",
    }
}

string_enum! {
    /// Repository-level permissions.
    pub enum RepoPermission {
        /// Read (clone, browse).
        Read = "REPO_READ",
        /// Write (push).
        Write = "REPO_WRITE",
        /// Administration of the repository.
        Admin = "REPO_ADMIN",
    }
}

string_enum! {
    /// Kind of user account.
    pub enum UserType {
        /// A person.
        Normal = "NORMAL",
        /// A service account (e.g. behind a project or repository access token).
        Service = "SERVICE",
    }
}

string_enum! {
    /// Kind of project.
    pub enum ProjectType {
        /// A regular project.
        Normal = "NORMAL",
        /// A user's personal project (`~slug`).
        Personal = "PERSONAL",
    }
}

macro_rules! into_permission {
    ($from:ident { $( $v:ident => $to:ident ),+ }) => {
        impl From<$from> for Permission {
            fn from(p: $from) -> Self {
                match p {
                    $( $from::$v => Permission::$to, )+
                    $from::Unknown(s) => Permission::from(s),
                }
            }
        }
    };
}

into_permission!(GlobalPermission {
    LicensedUser => LicensedUser,
    ProjectCreate => ProjectCreate,
    Admin => Admin,
    SysAdmin => SysAdmin
});
into_permission!(ProjectPermission { Read => ProjectRead, Write => ProjectWrite, Admin => ProjectAdmin });
into_permission!(RepoPermission { Read => RepoRead, Write => RepoWrite, Admin => RepoAdmin });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_values_round_trip() {
        let p: RepoPermission = serde_json::from_str(r#""REPO_WRITE""#).unwrap();
        assert_eq!(p, RepoPermission::Write);
        let u: RepoPermission = serde_json::from_str(r#""REPO_TELEPORT""#).unwrap();
        assert_eq!(u, RepoPermission::Unknown("REPO_TELEPORT".into()));
        assert_eq!(serde_json::to_string(&u).unwrap(), r#""REPO_TELEPORT""#);
        assert_eq!(
            Permission::from(ProjectPermission::Admin).as_str(),
            "PROJECT_ADMIN"
        );
        assert_eq!(
            Permission::from(RepoPermission::Unknown("REPO_READ".into())),
            Permission::RepoRead
        );
        assert_eq!(UserType::from("SERVICE").to_string(), "SERVICE");
    }
}
