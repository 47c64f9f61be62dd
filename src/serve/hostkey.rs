//! The server's host key: made once, on the first `serve`, in the data folder (readable by its
//! owner only), and the same on every later run, so learners' `ssh` can check it is this
//! server. Its fingerprint is shown as OpenSSH prints it (`SHA256:…`), to read out or project.

use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// Where the key is kept, under the data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("serve").join("host_ed25519_key")
}

/// The host key at [`path`], made there first if there is none. Errors say which file and why.
pub fn load_or_create(data_dir: &Path) -> Result<PrivateKey, String> {
    let file = path(data_dir);
    let shown = crate::text_safety::terminal_line(&file.display().to_string()).into_owned();
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            check_mode(&file, &shown)?;
            PrivateKey::from_openssh(text.trim()).map_err(|e| format!("{shown}: not a usable host key: {e}"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(&file, &shown),
        Err(e) => Err(format!("{shown}: {e}")),
    }
}

fn create(file: &Path, shown: &str) -> Result<PrivateKey, String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{shown}: {e}"))?;
    }
    let key =
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| format!("making a host key: {e}"))?;
    let text = key.to_openssh(russh::keys::ssh_key::LineEnding::LF).map_err(|e| format!("{shown}: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(file).map_err(|e| format!("{shown}: {e}"))?;
    out.write_all(text.as_bytes()).and_then(|()| out.sync_all()).map_err(|e| format!("{shown}: {e}"))?;
    Ok(key)
}

/// A host key others can read is no longer secret: refuse it, as OpenSSH does.
fn check_mode(file: &Path, shown: &str) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).map_err(|e| format!("{shown}: {e}"))?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(format!(
                "{shown}: the host key can be read by others (mode {:o}); run `chmod 600` on it, or delete it to make a new one",
                mode & 0o777
            ));
        }
    }
    let _ = (file, shown);
    Ok(())
}

/// `SHA256:…`, as `ssh` shows it when it first meets this server.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_key_is_made_once_private_and_kept() {
        let dir = std::env::temp_dir().join(format!("smishdrill-hostkey-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = load_or_create(&dir).unwrap();
        let again = load_or_create(&dir).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again), "the same key on the next run");
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = path(&dir);
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = load_or_create(&dir).unwrap_err();
            assert!(err.contains("chmod 600"), "{err}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
