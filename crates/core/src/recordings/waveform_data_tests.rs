//! The formats byte by byte on small known examples (one from audiowaveform's
//! `doc/DataFormat.md`), round trips, and every way a file can be wrong.

use super::*;
use crate::recordings::PeakBuilder;
use rand::{Rng, SeedableRng};

/// audiowaveform's documented two-channel 8-bit example.
fn documented_example() -> Peaks {
    let data = vec![-65, 63, -66, 64, -40, 41, -39, 45, -55, 43, -55, 44];
    Peaks::new(48000, 512, 2, 8, data).unwrap()
}

fn mono_16_bit() -> Peaks {
    Peaks::new(44100, 256, 1, 16, vec![-3, 5, -32768, 32767]).unwrap()
}

/// Little-endian header fields, written out by hand.
fn header(version: i32, flags: u32, rate: i32, spp: i32, length: u32) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend(version.to_le_bytes());
    h.extend(flags.to_le_bytes());
    h.extend(rate.to_le_bytes());
    h.extend(spp.to_le_bytes());
    h.extend(length.to_le_bytes());
    h
}

fn error_of(result: Result<Peaks>) -> String {
    let error = result.expect_err("corrupt input must be refused");
    assert_eq!(error.code, crate::Code::Validation);
    error.message
}

#[test]
fn dat_version_1_bytes() {
    let bytes = encode_dat(&mono_16_bit(), Version::V1).unwrap();
    #[rustfmt::skip]
    let expected = [
        1, 0, 0, 0,           // version 1
        0, 0, 0, 0,           // flags: 16-bit
        0x44, 0xac, 0, 0,     // 44100 Hz
        0, 1, 0, 0,           // 256 samples per pixel
        2, 0, 0, 0,           // 2 pixels
        0xfd, 0xff, 5, 0,     // -3, 5
        0x00, 0x80, 0xff, 0x7f, // -32768, 32767
    ];
    assert_eq!(bytes, expected);
    assert_eq!(decode_dat(&bytes).unwrap(), mono_16_bit());
}

#[test]
fn dat_version_2_bytes() {
    let bytes = encode_dat(&documented_example(), Version::V2).unwrap();
    #[rustfmt::skip]
    let expected = [
        2, 0, 0, 0,           // version 2
        1, 0, 0, 0,           // flags: 8-bit
        0x80, 0xbb, 0, 0,     // 48000 Hz
        0, 2, 0, 0,           // 512 samples per pixel
        3, 0, 0, 0,           // 3 pixels
        2, 0, 0, 0,           // 2 channels; the data starts at byte 24
        0xbf, 0x3f, 0xbe, 0x40, 0xd8, 0x29, 0xd9, 0x2d, 0xc9, 0x2b, 0xc9, 0x2c,
    ];
    assert_eq!(bytes, expected);
    assert_eq!(decode_dat(&bytes).unwrap(), documented_example());
    assert!(
        encode_dat(&documented_example(), Version::V1).is_err(),
        "version 1 cannot hold two channels"
    );
}

#[test]
fn json_bytes() {
    let json = encode_json(&documented_example(), Version::V2).unwrap();
    assert_eq!(
        String::from_utf8(json).unwrap(),
        "{\"version\":2,\"channels\":2,\"sample_rate\":48000,\"samples_per_pixel\":512,\
         \"bits\":8,\"length\":3,\"data\":[-65,63,-66,64,-40,41,-39,45,-55,43,-55,44]}\n"
    );
    let json = encode_json(&mono_16_bit(), Version::V1).unwrap();
    assert_eq!(
        String::from_utf8(json.clone()).unwrap(),
        "{\"version\":1,\"sample_rate\":44100,\"samples_per_pixel\":256,\"bits\":16,\
         \"length\":2,\"data\":[-3,5,-32768,32767]}\n"
    );
    assert_eq!(decode_json(&json).unwrap(), mono_16_bit());
    let documented = r#"{
      "version": 2,
      "channels": 2,
      "sample_rate": 48000,
      "samples_per_pixel": 512,
      "bits": 8,
      "length": 3,
      "data": [-65,63,-66,64,-40,41,-39,45,-55,43,-55,44]
    }"#;
    assert_eq!(
        decode_json(documented.as_bytes()).unwrap(),
        documented_example()
    );
    let before_versions =
        br#"{"sample_rate":8000,"samples_per_pixel":2,"bits":16,"length":1,"data":[1,2]}"#;
    let old = decode_json(before_versions).unwrap();
    assert_eq!((old.channels(), old.data()), (1, &[1, 2][..]));
}

#[test]
fn round_trips_at_8_and_16_bits() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    for channels in [1, 2, 5] {
        let planes: Vec<Vec<i16>> = (0..channels)
            .map(|_| (0..3001).map(|_| rng.random()).collect())
            .collect();
        let mut builder = PeakBuilder::new(channels, 16000, 100, true).unwrap();
        let chunk: Vec<&[i16]> = planes.iter().map(Vec::as_slice).collect();
        builder.push(&chunk).unwrap();
        let sixteen = builder.finish();
        for peaks in [sixteen.to_8_bit(), sixteen] {
            let versions: &[Version] = if channels == 1 {
                &[Version::V1, Version::V2]
            } else {
                &[Version::V2]
            };
            for &version in versions {
                let dat = encode_dat(&peaks, version).unwrap();
                assert_eq!(decode_dat(&dat).unwrap(), peaks, "{channels} {version:?}");
                let json = encode_json(&peaks, version).unwrap();
                assert_eq!(decode_json(&json).unwrap(), peaks, "{channels} {version:?}");
            }
        }
    }
}

#[test]
fn corrupt_dat_files_are_refused() {
    let data = [0_u8; 4]; // one 16-bit pixel
    let file = |h: Vec<u8>, extra: &[u8]| [h, extra.to_vec()].concat();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (file(header(3, 0, 8000, 256, 1), &data), "version 3"),
        (file(header(0, 0, 8000, 256, 1), &data), "version 0"),
        (file(header(-1, 0, 8000, 256, 1), &data), "version -1"),
        (file(header(1, 2, 8000, 256, 1), &data), "unknown flags"),
        (
            file(header(1, 1 << 31, 8000, 256, 1), &data),
            "unknown flags",
        ),
        (file(header(1, 0, 0, 256, 1), &data), "sample rate of 0"),
        (
            file(header(1, 0, -8000, 256, 1), &data),
            "sample rate of -8000",
        ),
        (
            file(header(1, 0, 8000, 0, 1), &data),
            "samples per pixel of 0",
        ),
        (file(header(1, 0, 8000, 1, 1), &data), "samples per pixel"),
        (
            file(header(2, 0, 8000, 256, 1), &[0, 0, 0, 0]),
            "channel count of 0",
        ),
        (
            file(header(2, 0, 8000, 256, 1), &(-2_i32).to_le_bytes()),
            "channel count of -2",
        ),
        (
            file(header(2, 0, 8000, 256, 1), &25_i32.to_le_bytes()),
            "25 channels",
        ),
        (file(header(1, 0, 8000, 256, 2), &data), "promises 2 pixels"),
        (
            file(header(1, 0, 8000, 256, 1), &data[..3]),
            "promises 1 pixels",
        ),
        (file(header(1, 0, 8000, 256, 0), &data), "promises 0 pixels"),
        (file(header(1, 1, 8000, 256, 1), &data), "promises 1 pixels"),
        (file(header(1, 0, 8000, 256, u32::MAX), &data), "too large"),
        (
            file(header(1, 0, 8000, 256, (MAX_VALUES / 2 + 1) as u32), &[]),
            "too large",
        ),
        (
            header(1, 0, 8000, 256, 1)[..19].to_vec(),
            "ends inside its header",
        ),
        (header(2, 0, 8000, 256, 1), "ends inside its header"),
        (Vec::new(), "ends inside its header"),
    ];
    for (bytes, expected) in cases {
        let message = error_of(decode_dat(&bytes));
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
    }
}

#[test]
fn corrupt_json_files_are_refused() {
    let cases = [
        (
            r#"{"version":3,"channels":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "version 3",
        ),
        (
            r#"{"version":2,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "needs a channel count",
        ),
        (
            r#"{"version":1,"channels":2,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "one channel",
        ),
        (
            r#"{"version":2,"channels":0,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "channel count of 0",
        ),
        (
            r#"{"version":2,"channels":25,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "25 channels",
        ),
        (
            r#"{"version":1,"sample_rate":0,"samples_per_pixel":256,"bits":16,"length":0,"data":[]}"#,
            "sample rate of 0",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":1,"bits":16,"length":0,"data":[]}"#,
            "samples per pixel",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":12,"length":0,"data":[]}"#,
            "12 bits",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":2,"data":[1,2]}"#,
            "promises 2 pixels",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":-1,"data":[]}"#,
            "length of -1",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":4000000000,"data":[]}"#,
            "too large",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":8,"length":1,"data":[-129,0]}"#,
            "outside -128..127",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":1,"data":[40000,0]}"#,
            "cannot be read",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":1}"#,
            "cannot be read",
        ),
        (
            r#"{"version":1,"sample_rate":8000,"samples_per_pixel":256,"bits":16,"length":1,"data":"1,2"}"#,
            "cannot be read",
        ),
        ("[1,2]", "cannot be read"),
        ("", "cannot be read"),
    ];
    for (json, expected) in cases {
        let message = error_of(decode_json(json.as_bytes()));
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
    }
}

#[test]
fn damaged_files_never_panic() {
    let dat = encode_dat(&documented_example(), Version::V2).unwrap();
    let json = encode_json(&documented_example(), Version::V2).unwrap();
    for len in 0..dat.len() {
        assert!(decode_dat(&dat[..len]).is_err(), "truncated to {len}");
    }
    for len in 0..json.len() - 1 {
        assert!(decode_json(&json[..len]).is_err(), "truncated to {len}");
    }
    for bit in 0..dat.len() * 8 {
        let mut flipped = dat.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let _ = decode_dat(&flipped);
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    for _ in 0..5000 {
        let mut damaged = if rng.random() {
            dat.clone()
        } else {
            json.clone()
        };
        for _ in 0..rng.random_range(1..4) {
            let at = rng.random_range(0..damaged.len());
            damaged[at] = rng.random();
        }
        damaged.truncate(rng.random_range(0..=damaged.len()));
        let _ = decode_dat(&damaged);
        let _ = decode_json(&damaged);
    }
}

#[test]
fn files_are_written_whole_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let dat = dir.path().join("call.dat");
    let json = dir.path().join("call.json");
    write_file(&dat, &documented_example(), Format::Dat, Version::V2).unwrap();
    write_file(&json, &documented_example(), Format::Json, Version::V2).unwrap();
    assert_eq!(read_file(&dat).unwrap(), documented_example());
    assert_eq!(read_file(&json).unwrap(), documented_example());
    write_file(&dat, &mono_16_bit(), Format::Dat, Version::V1).unwrap();
    assert_eq!(read_file(&dat).unwrap(), mono_16_bit(), "replaced in place");
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["call.dat", "call.json"],
        "no temporary file is left"
    );
    #[cfg(unix)]
    for path in [&dat, &json] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
    let missing = dir.path().join("no such folder").join("call.dat");
    let error = write_file(&missing, &mono_16_bit(), Format::Dat, Version::V1).unwrap_err();
    assert_eq!(error.code, crate::Code::Internal);
    assert!(read_file(&missing).is_err());
    assert!(
        write_file(&dat, &documented_example(), Format::Dat, Version::V1).is_err(),
        "version 1 cannot hold two channels"
    );
    assert_eq!(
        read_file(&dat).unwrap(),
        mono_16_bit(),
        "a refused write changes nothing"
    );
}
