//! audiowaveform's waveform data files, byte for byte: binary `.dat` (versions 1 and 2)
//! and JSON. Files may come from outside the console, so reading trusts no header field:
//! sizes are checked against the bytes actually present before anything is allocated.

use super::peaks::{invalid, Peaks};
use crate::{Error, Result};
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most values (min and max count one each) a file may hold: 32 Mi, 64 MiB as i16.
/// An hour of 48 kHz stereo at 64 samples per pixel is 10.8 Mi values.
pub const MAX_VALUES: usize = 1 << 25;

/// Bit 0 of the `.dat` flags: 8-bit values. audiowaveform defines no other bit.
const FLAG_8_BIT: u32 = 1;
const V1_HEADER: usize = 20;
const V2_HEADER: usize = 24;
/// The longest JSON a legitimate file can be: every value as "-32768," plus the fields.
const MAX_JSON_BYTES: usize = MAX_VALUES * 7 + 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dat,
    Json,
}

/// Version 1 holds one channel; version 2 adds a channel count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// The binary form: header, then min/max pairs as i8 or i16, little-endian.
pub fn encode_dat(peaks: &Peaks, version: Version) -> Result<Vec<u8>> {
    let length = checked_length(peaks, version)?;
    let bytes_per_value = usize::from(peaks.bits() / 8);
    let mut out = Vec::with_capacity(V2_HEADER + peaks.data().len() * bytes_per_value);
    out.extend(version_number(version).to_le_bytes());
    let flags = if peaks.bits() == 8 { FLAG_8_BIT } else { 0 };
    out.extend(flags.to_le_bytes());
    // Peaks keeps these within i32, so the casts are exact.
    out.extend((peaks.sample_rate() as i32).to_le_bytes());
    out.extend((peaks.samples_per_pixel() as i32).to_le_bytes());
    out.extend(length.to_le_bytes());
    if version == Version::V2 {
        out.extend((peaks.channels() as i32).to_le_bytes());
    }
    if peaks.bits() == 8 {
        out.extend(peaks.data().iter().map(|v| *v as i8 as u8));
    } else {
        out.extend(peaks.data().iter().flat_map(|v| v.to_le_bytes()));
    }
    Ok(out)
}

pub fn decode_dat(bytes: &[u8]) -> Result<Peaks> {
    let field = |at: usize| -> Result<[u8; 4]> {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| invalid("the file ends inside its header"))
    };
    let version = i32::from_le_bytes(field(0)?);
    let header = match version {
        1 => V1_HEADER,
        2 => V2_HEADER,
        _ => return Err(invalid(format!("version {version} is not supported"))),
    };
    let flags = u32::from_le_bytes(field(4)?);
    if flags & !FLAG_8_BIT != 0 {
        return Err(invalid(format!("unknown flags {flags:#010x}")));
    }
    let sample_rate = positive(i32::from_le_bytes(field(8)?), "sample rate")?;
    let samples_per_pixel = positive(i32::from_le_bytes(field(12)?), "samples per pixel")?;
    let length = u32::from_le_bytes(field(16)?);
    let channels = if version == 2 {
        positive(i32::from_le_bytes(field(20)?), "channel count")?
    } else {
        1
    };
    let bits: u8 = if flags & FLAG_8_BIT != 0 { 8 } else { 16 };
    let values = value_count(length, channels)?;
    let body = &bytes[header..];
    let expected = values * usize::from(bits / 8); // at most 2 * MAX_VALUES
    if body.len() != expected {
        return Err(invalid(format!(
            "the header promises {length} pixels ({expected} bytes) but {} bytes follow",
            body.len()
        )));
    }
    let data = if bits == 8 {
        body.iter().map(|b| i16::from(*b as i8)).collect()
    } else {
        body.chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    };
    Peaks::new(sample_rate, samples_per_pixel, channels, bits, data)
}

/// The JSON form audiowaveform writes: no spaces, fields in its order, a final newline.
pub fn encode_json(peaks: &Peaks, version: Version) -> Result<Vec<u8>> {
    let length = checked_length(peaks, version)?;
    let mut out = String::with_capacity(128 + peaks.data().len() * 7);
    // Writing to a String cannot fail.
    let _ = write!(out, "{{\"version\":{}", version_number(version));
    if version == Version::V2 {
        let _ = write!(out, ",\"channels\":{}", peaks.channels());
    }
    let _ = write!(
        out,
        ",\"sample_rate\":{},\"samples_per_pixel\":{},\"bits\":{},\"length\":{length},\"data\":[",
        peaks.sample_rate(),
        peaks.samples_per_pixel(),
        peaks.bits()
    );
    for (i, v) in peaks.data().iter().enumerate() {
        let _ = write!(out, "{}{v}", if i == 0 { "" } else { "," });
    }
    out.push_str("]}\n");
    Ok(out.into_bytes())
}

pub fn decode_json(bytes: &[u8]) -> Result<Peaks> {
    let file: JsonFile = serde_json::from_slice(bytes)
        .map_err(|e| invalid(format!("the JSON cannot be read ({e})")))?;
    // audiowaveform before version 2 wrote no "version" field at all.
    let channels = match (file.version.unwrap_or(1), file.channels) {
        (1, None | Some(1)) => 1,
        (1, Some(c)) => return Err(invalid(format!("version 1 has one channel, not {c}"))),
        (2, Some(c)) => positive(c, "channel count")?,
        (2, None) => return Err(invalid("version 2 needs a channel count")),
        (v, _) => return Err(invalid(format!("version {v} is not supported"))),
    };
    let bits = match file.bits {
        8 => 8,
        16 => 16,
        b => return Err(invalid(format!("{b} bits per value is not 8 or 16"))),
    };
    let sample_rate = positive(file.sample_rate, "sample rate")?;
    let samples_per_pixel = positive(file.samples_per_pixel, "samples per pixel")?;
    let length = u32::try_from(file.length)
        .map_err(|_| invalid(format!("a length of {} is not valid", file.length)))?;
    let values = value_count(length, channels)?;
    if file.data.0.len() != values {
        return Err(invalid(format!(
            "the length promises {length} pixels ({values} values) but the data has {}",
            file.data.0.len()
        )));
    }
    Peaks::new(sample_rate, samples_per_pixel, channels, bits, file.data.0)
}

/// Reads either format, told apart by the first byte (`{` for JSON, a version number for
/// binary). The file is never read past the largest size a valid one can have.
pub fn read_file(path: &Path) -> Result<Peaks> {
    let fail = |e: std::io::Error| {
        Error::internal(format!(
            "Cannot read the waveform file {}: {e}",
            path.display()
        ))
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(fail)?
        .take(MAX_JSON_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() > MAX_JSON_BYTES {
        return Err(invalid(
            "the file is larger than any waveform it could hold",
        ));
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => decode_json(&bytes),
        _ => decode_dat(&bytes),
    }
}

/// Writes to a temporary file beside `path` and renames it into place, so a crash or a full
/// disk never leaves a truncated file that looks valid. Only the user may read it (0600 on
/// Unix): peaks are drawn from customer calls.
pub fn write_file(path: &Path, peaks: &Peaks, format: Format, version: Version) -> Result<()> {
    let bytes = match format {
        Format::Dat => encode_dat(peaks, version)?,
        Format::Json => encode_json(peaks, version)?,
    };
    let fail = |e: std::io::Error| {
        Error::internal(format!(
            "Cannot write the waveform file {}: {e}",
            path.display()
        ))
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = PartFile(dir.join(format!(".waveform-{}.part", uuid::Uuid::new_v4())));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temp.0).map_err(fail)?;
    file.write_all(&bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    drop(file);
    std::fs::rename(&temp.0, path).map_err(fail)?;
    temp.0 = PathBuf::new();
    Ok(())
}

/// A temporary file removed on drop unless renamed into place (its path then cleared).
struct PartFile(PathBuf);

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn version_number(version: Version) -> i32 {
    match version {
        Version::V1 => 1,
        Version::V2 => 2,
    }
}

/// The header's pixel count; version 1 cannot say how many channels there are.
fn checked_length(peaks: &Peaks, version: Version) -> Result<u32> {
    if version == Version::V1 && peaks.channels() != 1 {
        return Err(invalid(format!(
            "version 1 holds one channel, these peaks have {}",
            peaks.channels()
        )));
    }
    u32::try_from(peaks.pixel_count()).map_err(|_| invalid("too many pixels for the format"))
}

/// Values a header's length and channel count stand for, refused beyond [`MAX_VALUES`]
/// before anything is compared or allocated (u64, so no overflow on any platform).
fn value_count(length: u32, channels: u32) -> Result<usize> {
    if channels > super::MAX_CHANNELS {
        return Err(invalid(format!("{channels} channels is not valid")));
    }
    let values = u64::from(length) * u64::from(channels) * 2;
    if values > MAX_VALUES as u64 {
        return Err(invalid(format!("a length of {length} pixels is too large")));
    }
    Ok(values as usize)
}

/// Header fields are signed in the format; zero and negative values mean a corrupt file.
fn positive<T: TryInto<u32> + Copy + std::fmt::Display>(value: T, what: &str) -> Result<u32> {
    match value.try_into() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(invalid(format!("a {what} of {value} is not valid"))),
    }
}

#[derive(Deserialize)]
struct JsonFile {
    version: Option<i64>,
    channels: Option<i64>,
    sample_rate: i64,
    samples_per_pixel: i64,
    bits: i64,
    length: i64,
    data: CappedValues,
}

/// The data array, refused once it passes [`MAX_VALUES`] so its size is bounded by the
/// limit, not by whatever the file holds.
struct CappedValues(Vec<i16>);

impl<'de> Deserialize<'de> for CappedValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Values;
        impl<'de> Visitor<'de> for Values {
            type Value = CappedValues;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of 16-bit integers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CappedValues, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<i16>()? {
                    if values.len() == MAX_VALUES {
                        return Err(serde::de::Error::custom("too many values"));
                    }
                    values.push(v);
                }
                Ok(CappedValues(values))
            }
        }
        deserializer.deserialize_seq(Values)
    }
}

#[cfg(test)]
#[path = "waveform_data_tests.rs"]
mod tests;
